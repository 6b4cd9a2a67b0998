"use client";

// The left pane: tabs with counts, search, filters, and the rows of the chosen tab.
import { Search } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import type { InboxTab, StatusFilter, VisibleGroup } from "@/lib/inbox/types";
import type { LoadedList } from "./inbox-queries";
import { NotificationPermissionButton } from "./assignment-alerts";
import { ConversationRow } from "./conversation-row";
import { PERIODS, type InboxUrlState, type Period } from "./use-inbox-url";
import { useNow } from "@/components/ui/use-now";
import { Button } from "@/components/ui/button";

export const SEARCH_INPUT_ID = "inbox-search";

type Props = {
  isManager: boolean;
  groups: VisibleGroup[];
  /** Managers: whom All can be filtered by. */
  assignees: { id: number; name: string }[];
  state: InboxUrlState;
  /** stale: the rows of the previous tab or search, shown until the new ones come. */
  list: {
    data: LoadedList | undefined;
    isError: boolean;
    isPending: boolean;
    stale: boolean;
    refetch: () => void;
    /** The next page: whether there is one, and how to load it. */
    more: { has: boolean; loading: boolean; load: () => void };
  };
  banner: React.ReactNode;
  hrefOf: (conversationId: number, messageId?: number | null) => string;
  onSelect: (conversationId: number, push?: boolean, messageId?: number | null) => void;
  onChange: (patch: Partial<InboxUrlState>, push?: boolean) => void;
  onShowShortcuts: () => void;
};

const STATUS_OPTIONS: Record<InboxTab, StatusFilter[]> = {
  mine: ["open", "closed", "any"],
  queue: [],
  all: ["open", "queued", "assigned", "closed", "any"],
};

export function ConversationList({ isManager, groups, assignees, state, list, banner, hrefOf, onSelect, onChange, onShowShortcuts }: Props) {
  const { t, locale } = useI18n();
  const tabs: InboxTab[] = isManager ? ["mine", "queue", "all"] : ["mine", "queue"];
  const counts = list.data?.counts;
  const unread = list.data?.unread;
  const items = list.data?.items ?? [];
  const byAssignee = state.tab === "all" && assignees.length > 0;
  const filtered = Boolean(state.q || state.group || state.status !== "open" || state.awaiting || state.period || (byAssignee && state.assignee !== null));
  // Null only while hydrating, before any conversation is loaded.
  const now = useNow(state.tab === "queue" ? 1000 : 60_000) ?? 0;

  return (
    <>
      <div className="shrink-0 border-b border-slate-200 px-3 pt-3">
        <div className="flex items-center gap-1">
          <div role="tablist" aria-label={t("inbox.tabs.label")} className="flex flex-1 gap-1">
            {tabs.map((tab) => {
              const count = counts?.[tab];
              return (
                <button
                  key={tab}
                  type="button"
                  role="tab"
                  id={`inbox-tab-${tab}`}
                  aria-selected={state.tab === tab}
                  aria-controls="inbox-list"
                  data-testid={`tab-${tab}`}
                  onClick={() => onChange({ tab, status: "open" }, true)}
                  className={`flex items-center gap-1.5 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium ${
                    state.tab === tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"
                  }`}
                >
                  {t(`inbox.tab.${tab}`)}
                  {count !== undefined && count !== null && (
                    <span
                      data-testid={`tab-count-${tab}`}
                      className={`min-w-5 rounded-full px-1.5 text-center text-[11px] leading-5 ${state.tab === tab ? "bg-brand-100 text-brand-800" : "bg-slate-100 text-slate-600"}`}
                    >
                      {count}
                    </span>
                  )}
                  {Boolean(unread?.[tab]) && (
                    <span
                      data-testid={`tab-unread-${tab}`}
                      title={t("inbox.tabs.unread", { count: unread![tab]! })}
                      aria-label={t("inbox.tabs.unread", { count: unread![tab]! })}
                      className="min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-[11px] leading-5 font-semibold text-white"
                    >
                      {unread![tab]}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          <NotificationPermissionButton />
          <Button
            kind="icon"
            size="sm"
            className="h-7 w-7 shrink-0 text-sm font-semibold ring-1 ring-slate-200"
            onClick={onShowShortcuts}
            aria-label={t("inbox.shortcuts.open")}
            title={`${t("inbox.shortcuts.open")} (?)`}
          >
            ?
          </Button>
        </div>
      </div>
      <div className="shrink-0 space-y-2 border-b border-slate-200 p-3">
        <SearchBox value={state.q} onSearch={(q) => onChange({ q })} />
        {(groups.length > 1 || STATUS_OPTIONS[state.tab].length > 0 || byAssignee) && (
          <div className="flex flex-wrap gap-2">
            {groups.length > 1 && (
              <FilterSelect
                label={t("inbox.filter.group")}
                value={state.group ?? ""}
                onChange={(value) => onChange({ group: value ? Number(value) : null })}
                options={[{ value: "", label: t("inbox.filter.allGroups") }, ...groups.map((g) => ({ value: String(g.id), label: g.name }))]}
              />
            )}
            {STATUS_OPTIONS[state.tab].length > 0 && (
              <FilterSelect
                label={t("inbox.filter.status")}
                value={state.status}
                onChange={(value) => onChange({ status: value as StatusFilter })}
                options={STATUS_OPTIONS[state.tab].map((s) => ({ value: s, label: t(`inbox.filter.status.${s}`) }))}
              />
            )}
            {byAssignee && (
              <FilterSelect
                label={t("inbox.filter.assignee")}
                testId="filter-assignee"
                value={state.assignee ?? ""}
                onChange={(value) => onChange({ assignee: value === "none" ? "none" : value ? Number(value) : null })}
                options={[
                  { value: "", label: t("inbox.filter.anyAssignee") },
                  { value: "none", label: t("inbox.filter.unassigned") },
                  ...assignees.map((a) => ({ value: String(a.id), label: a.name })),
                ]}
              />
            )}
          </div>
        )}
        <div className="flex items-center gap-2">
          <FilterSelect
            label={t("inbox.filter.period")}
            testId="filter-period"
            value={state.period ?? ""}
            onChange={(value) => onChange({ period: value ? (Number(value) as Period) : null })}
            options={[{ value: "", label: t("inbox.filter.period.any") }, ...PERIODS.map((days) => ({ value: String(days), label: t(`inbox.filter.period.${days}`) }))]}
          />
          <label className="flex shrink-0 items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              data-testid="filter-awaiting"
              checked={state.awaiting}
              onChange={(e) => onChange({ awaiting: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300 accent-brand-600"
            />
            {t("inbox.filter.awaiting")}
          </label>
        </div>
      </div>
      {banner}
      {list.data && items.length > 0 && (
        <p className="shrink-0 border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500" data-testid="list-total" data-total={list.data.total ?? undefined}>
          {list.data.total === null
            ? // A search of a word said everywhere is not counted: what is loaded, and more to come.
              t(list.more.has ? "inbox.list.totalAtLeast" : "inbox.list.total", { count: items.length })
            : list.data.totalCapped
              ? t("inbox.list.totalCapped", { count: list.data.total.toLocaleString(locale) })
              : t(state.tab === "queue" ? "inbox.list.total.queue" : "inbox.list.total", { count: list.data.total })}
        </p>
      )}
      <div id="inbox-list" role="tabpanel" aria-labelledby={`inbox-tab-${state.tab}`} className="min-h-0 flex-1 overflow-y-auto">
        {list.isError && !list.data && (
          <div className="p-6 text-center text-sm text-slate-600" role="alert">
            <p>{t("inbox.list.loadError")}</p>
            <Button kind="link" size="sm" className="mt-2" onClick={list.refetch}>
              {t("inbox.list.retry")}
            </Button>
          </div>
        )}
        {list.isPending && <p className="p-6 text-center text-sm text-slate-500">{t("common.loading")}</p>}
        {list.data && items.length === 0 && (
          <div className="p-6 text-center">
            <EmptyState testId="list-empty">{filtered ? t("inbox.list.empty.filtered") : t(`inbox.list.empty.${state.tab}`)}</EmptyState>
          </div>
        )}
        <ul
          aria-label={t("inbox.list.label")}
          aria-busy={list.stale}
          data-testid="conversation-list"
          data-tab={state.tab}
          className={`divide-y divide-slate-100 transition-opacity ${list.stale ? "opacity-50" : ""}`}
        >
          {items.map((c) => (
            <ConversationRow
              key={c.id}
              conversation={c}
              tab={state.tab}
              selected={c.id === state.conversationId}
              href={hrefOf(c.id, c.match?.messageId)}
              now={now}
              onSelect={onSelect}
            />
          ))}
        </ul>
        {list.data && items.length > 0 && <MoreRows more={list.more} />}
      </div>
    </>
  );
}

/** Typing updates the URL (and so the query) after a short pause. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const [last, setLast] = useState(value);
  // What this box last put in the URL: coming back, it is no news (the box may hold more typed since).
  const [sent, setSent] = useState<string | null>(null);
  // The URL changed from elsewhere (back button): show what it says.
  if (value !== last) {
    setLast(value);
    if (value !== sent) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => {
      setSent(text.trim());
      onSearch(text.trim());
    }, 250);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <div className="relative">
      <label htmlFor={SEARCH_INPUT_ID} className="sr-only">
        {t("inbox.search.label")}
      </label>
      <Search className="pointer-events-none absolute top-2 left-2.5 h-4 w-4 text-slate-500" aria-hidden="true" />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("inbox.search.placeholder")}
        aria-keyshortcuts="/"
        className="w-full rounded-md border border-slate-300 py-1.5 pr-2 pl-8 text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
      />
    </div>
  );
}

/** The end of the rows: in view, it loads the next page (a button for keyboards and old browsers). */
function MoreRows({ more }: { more: { has: boolean; loading: boolean; load: () => void } }) {
  const { t } = useI18n();
  const sentinel = useRef<HTMLDivElement>(null);
  const latest = useRef(more);
  useEffect(() => {
    latest.current = more;
  });
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        const { has, loading, load } = latest.current;
        if (entries.some((entry) => entry.isIntersecting) && has && !loading) load();
      },
      { rootMargin: "400px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [more.has, more.loading]);

  return (
    <div ref={sentinel} className="p-3 text-center text-xs text-slate-500" data-testid="list-more" data-has-more={more.has ? "true" : "false"}>
      {more.has ? (
        <Button kind="link" size="sm" onClick={more.load} disabled={more.loading}>
          {more.loading ? t("common.loading") : t("inbox.list.loadMore")}
        </Button>
      ) : (
        t("inbox.list.end")
      )}
    </div>
  );
}

/** One of the list's filters: a labelled select over the width it is given. */
function FilterSelect({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string | number;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  return (
    <label className="min-w-0 flex-1">
      <span className="sr-only">{label}</span>
      <select
        value={value}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
