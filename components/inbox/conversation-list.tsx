"use client";

// The left pane: tabs with counts, search, filters, and the rows of the chosen tab.
import { Search, SlidersHorizontal } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import type { InboxTab, VisibleGroup } from "@/lib/inbox/types";
import type { LoadedList } from "./inbox-queries";
import { ConversationRow } from "./conversation-row";
import type { InboxUrlState } from "./use-inbox-url";
import { ListFilters } from "./list-filters";
import { ListTabs } from "./list-tabs";
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
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [state.group !== null && state.group !== undefined, state.status !== "open", byAssignee && state.assignee !== null, Boolean(state.period), state.awaiting].filter(Boolean).length;

  return (
    <>
      <ListTabs tabs={tabs} state={state} counts={counts} unread={unread} onChange={onChange} onShowShortcuts={onShowShortcuts} />
      <div className="shrink-0 border-b border-slate-200 p-2">
        <div className="flex items-center gap-2">
          <div className="min-w-0 flex-1">
            <SearchBox value={state.q} onSearch={(q) => onChange({ q })} />
          </div>
          {/* The filters fold behind one button (issue 31): its count says how many are on. */}
          <Button
            kind="secondary"
            size="sm"
            className="h-8 shrink-0"
            aria-expanded={filtersOpen}
            aria-controls="inbox-filters"
            aria-label={activeFilters > 0 ? t("inbox.filters.buttonActive", { count: activeFilters }) : undefined}
            data-testid="filters-button"
            data-active={activeFilters}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            <SlidersHorizontal className="h-3.5 w-3.5" aria-hidden="true" />
            {t("inbox.filters.button")}
            {activeFilters > 0 && <span className="min-w-4 rounded-full bg-brand-600 px-1 text-center text-[11px] leading-4 font-semibold text-white">{activeFilters}</span>}
          </Button>
        </div>
        {filtersOpen && <ListFilters groups={groups} assignees={assignees} state={state} onChange={onChange} />}
      </div>
      {banner}
      {list.data && items.length > 0 && (
        <p className="shrink-0 border-b border-slate-100 px-3 py-1 text-xs text-slate-500" data-testid="list-total" data-total={list.data.total ?? undefined}>
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
      <Search className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("inbox.search.placeholder")}
        aria-keyshortcuts="/"
        className="w-full rounded-md border border-slate-300 py-1.5 pr-2 pl-8 text-sm focus:border-brand-600 focus-visible:outline-offset-0"
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
