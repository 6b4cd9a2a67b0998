// The report's first figures (issue 27): the live counts and the headline numbers —
// received, closed, assigned, queue wait, first response and resolution, in total, for the
// period and the compared one — without the per-agent rows, charts and what was in force.
// The page asks for them beside the full summary and paints them first: they are a few
// index-only scans, the summary is every figure (GET /api/v1/reports/headline).
import type { Db } from "@/db/client";
import { periodTotals, previousPeriod, type ComparedPeriod, type PeriodTotals } from "./compare";
import type { ReportFilter } from "./filter";
import { liveCounts, type LiveCounts } from "./live";

export type ReportHeadline = PeriodTotals & {
  groupId: number | null;
  agentId: number | null;
  live: LiveCounts;
  /** The same totals for the compared period (by default the one just before). */
  previous: PeriodTotals;
};

export async function reportHeadline(db: Db, filter: ReportFilter, compare: ComparedPeriod = previousPeriod(filter)): Promise<ReportHeadline> {
  const [now, previous, live] = await Promise.all([periodTotals(db, filter), periodTotals(db, { ...filter, from: compare.from, to: compare.to }), liveCounts(db, filter)]);
  return { ...now, groupId: filter.groupId ?? null, agentId: filter.agentId ?? null, live, previous };
}
