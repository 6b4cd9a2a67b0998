"use client";

// The list's filters, folded behind the Filters button (issue 31): group, status, assignee
// (managers, on All), period and "awaiting a reply".
import { useI18n } from "@/components/i18n-provider";
import type { InboxTab, StatusFilter, VisibleGroup } from "@/lib/inbox/types";
import { PERIODS, type InboxUrlState, type Period } from "./use-inbox-url";

export const STATUS_OPTIONS: Record<InboxTab, StatusFilter[]> = {
  mine: ["open", "closed", "any"],
  queue: [],
  all: ["open", "queued", "assigned", "closed", "any"],
};

type Props = {
  groups: VisibleGroup[];
  /** Managers: whom All can be filtered by. */
  assignees: { id: number; name: string }[];
  state: InboxUrlState;
  onChange: (patch: Partial<InboxUrlState>, push?: boolean) => void;
};

export function ListFilters({ groups, assignees, state, onChange }: Props) {
  const { t } = useI18n();
  const byAssignee = state.tab === "all" && assignees.length > 0;
  return (
    <div id="inbox-filters" className="mt-2 space-y-2" data-testid="inbox-filters">
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
