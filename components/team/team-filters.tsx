"use client";

// The Team page's search (name or email) and filters (role, group). Filtering happens in
// the browser: the team is one list a manager already holds.
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { TeamMember } from "@/lib/team";

export type Filters = { text: string; role: "" | "agent" | "manager"; group: string };
export const NO_FILTERS: Filters = { text: "", role: "", group: "" };

/** Case and accent blind: "fabio" finds Fábio. */
const fold = (value: string) => value.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

export function matchesFilters(member: TeamMember, filters: Filters): boolean {
  const text = fold(filters.text.trim());
  if (text && !fold(member.name).includes(text) && !fold(member.email).includes(text)) return false;
  if (filters.role && member.role !== filters.role) return false;
  if (filters.group === "none") return member.groups.length === 0;
  if (filters.group && !member.groups.some((g) => String(g.id) === filters.group)) return false;
  return true;
}

export function TeamFilters({
  filters,
  onChange,
  allGroups,
  shown,
  total,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  allGroups: { id: number; name: string }[];
  shown: number;
  total: number;
}) {
  const { t } = useI18n();
  const set = (field: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange({ ...filters, [field]: e.target.value });
  const filtered = filters.text !== "" || filters.role !== "" || filters.group !== "";
  return (
    <div className="flex flex-col gap-2" role="search" aria-label={t("team.find")}>
      <div className="grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <input
          type="search"
          className={inputClass}
          aria-label={t("team.search")}
          placeholder={t("team.search.placeholder")}
          value={filters.text}
          onChange={set("text")}
          data-testid="team-search"
        />
        <select className={inputClass} aria-label={t("team.filter.role")} value={filters.role} onChange={set("role")}>
          <option value="">{t("team.filter.anyRole")}</option>
          <option value="agent">{t("user.role.agent")}</option>
          <option value="manager">{t("user.role.manager")}</option>
        </select>
        <select className={inputClass} aria-label={t("team.filter.group")} value={filters.group} onChange={set("group")}>
          <option value="">{t("team.filter.anyGroup")}</option>
          {allGroups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
          <option value="none">{t("team.filter.noGroup")}</option>
        </select>
      </div>
      <div className="flex items-center gap-3 px-1 text-xs text-slate-500">
        <span aria-live="polite" data-testid="team-count">
          {t("team.filter.count", { shown, total })}
        </span>
        {filtered && (
          <Button kind="link" className="text-xs" onClick={() => onChange(NO_FILTERS)}>
            {t("team.filter.clear")}
          </Button>
        )}
      </div>
    </div>
  );
}
