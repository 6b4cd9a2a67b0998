"use client";

// The list's tabs (Mine, Queue, All) with what each counts, and the buttons beside them.
// One Tab stop for the tabs; the arrow keys, Home and End move between them (WAI-ARIA tabs).
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import type { InboxTab } from "@/lib/inbox/types";
import { NotificationPermissionButton } from "./assignment-alerts";
import type { LoadedList } from "./inbox-queries";
import type { InboxUrlState } from "./use-inbox-url";

type Props = {
  tabs: InboxTab[];
  state: InboxUrlState;
  counts: LoadedList["counts"] | undefined;
  unread: LoadedList["unread"] | undefined;
  onChange: (patch: Partial<InboxUrlState>, push?: boolean) => void;
  onShowShortcuts: () => void;
};

export function ListTabs({ tabs, state, counts, unread, onChange, onShowShortcuts }: Props) {
  const { t } = useI18n();
  return (
    <div className="shrink-0 border-b border-slate-200 px-3 pt-2">
      <div className="flex items-center gap-1">
        {/* A manager's three tabs with their unread counts are wider than the list column
            (384 px): they scroll rather than spill over the conversation beside it. */}
        <div role="tablist" aria-label={t("inbox.tabs.label")} className="flex min-w-0 flex-1 gap-0.5 overflow-x-auto [scrollbar-width:thin]">
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
                // One Tab stop for the tabs; the arrow keys move between them (WAI-ARIA tabs).
                tabIndex={state.tab === tab ? 0 : -1}
                data-testid={`tab-${tab}`}
                onClick={() => onChange({ tab, status: "open" }, true)}
                onKeyDown={(e) => {
                  const index = tabs.indexOf(tab);
                  const next =
                    e.key === "ArrowRight" ? tabs[(index + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(index - 1 + tabs.length) % tabs.length] : e.key === "Home" ? tabs[0] : e.key === "End" ? tabs.at(-1) : undefined;
                  if (!next) return;
                  e.preventDefault();
                  onChange({ tab: next, status: "open" }, true);
                  document.getElementById(`inbox-tab-${next}`)?.focus();
                }}
                className={`flex shrink-0 items-center gap-1.5 rounded-t-md border-b-2 px-2.5 py-2 text-sm font-medium focus-visible:-outline-offset-2 ${
                  state.tab === tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"
                }`}
              >
                {t(`inbox.tab.${tab}`)}
                {/* The numbers say what they count: "Mine 22 conversations · 18 unread" is the tab's name. */}
                {count !== undefined && count !== null && (
                  <>
                    <span
                      data-testid={`tab-count-${tab}`}
                      className={`min-w-5 rounded-full px-1.5 text-center text-[11px] leading-5 ${state.tab === tab ? "bg-brand-100 text-brand-800" : "bg-slate-100 text-slate-600"}`}
                    >
                      {count}
                    </span>
                    <span className="sr-only"> {t("inbox.tabs.countWord", { count })}</span>
                  </>
                )}
                {Boolean(unread?.[tab]) && (
                  <span data-testid={`tab-unread-${tab}`} title={t("inbox.tabs.unread", { count: unread![tab]! })} className="text-[11px] font-semibold whitespace-nowrap text-slate-900">
                    · {t("inbox.tabs.unreadShort", { count: unread![tab]! })}
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
  );
}
