// What was in force and policies counted, for the period and the compared one at once
// (docs/behaviour.md#reports): the groups' settings history is read once from the earlier
// start, then fairness per stretch and requeues by why for both periods — three statements
// on one connection, so comparing does not add a round of connections to the summary.
import type { Db } from "@/db/client";
import { fairnessOf, type Fairness } from "./fairness";
import { reportRead, type ReportFilter } from "./filter";
import { requeuesIn, type Requeues } from "./requeues";
import { changesIn, groupHistories, periodSegments, type SettingsChange } from "./settings-history";

export type InForce = { fairness: Fairness[]; settingsChanges: SettingsChange[]; requeues: Requeues };

type Period = Pick<ReportFilter, "from" | "to">;

export async function inForce(db: Db, filter: ReportFilter, periods: Period[]): Promise<InForce[]> {
  return reportRead(db, async (sql) => {
    const since = new Date(Math.min(...periods.map((p) => p.from.getTime())));
    const groups = await groupHistories(sql, filter, since);
    const segments = periods.map((period) => periodSegments(groups, period));
    const fair = await fairnessOf(sql, segments.flat());
    const requeued = await requeuesIn(sql, filter, periods);
    // fairnessOf answers the automatic stretches in order: give each period its own.
    let next = 0;
    return periods.map((period, i) => {
      const automatic = segments[i]!.filter((s) => s.strategy !== "manual").length;
      const own = fair.slice(next, next + automatic);
      next += automatic;
      const changed = new Set(segments[i]!.filter((s, j, all) => all[j - 1]?.groupId === s.groupId).map((s) => s.groupId));
      return {
        fairness: own.map((g) => ({ ...g, spansChange: changed.has(g.groupId) })),
        settingsChanges: changesIn(groups, period),
        requeues: requeued[i]!,
      };
    });
  });
}
