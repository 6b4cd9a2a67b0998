// Before and after (docs/behaviour.md#reports): the summary compares its period with
// another of the same length — `compareFrom`/`compareTo`, by default the one just before —
// and answers that period's figures as `previous`. Only the figures that the page sets
// side by side are computed for it (not the per-agent rows, charts or live counts), each
// in total only, so comparing adds a few scans instead of doubling the summary.
import { z } from "zod";
import type { Db } from "@/db/client";
import { invalidFields, parseInput } from "@/lib/errors";
import type { AssignedByKind } from "./assigned";
import { SECONDS_OF, type DurationColumn, type FirstResponseBuckets } from "./durations";
import { at, conversationScope, eventScope, reportRead, type Fragment, type ReportFilter, type Sql } from "./filter";
import { MAX_PERIOD_DAYS, parseReportParams, reportParamsSchema } from "./params";
import type { InForce } from "./in-force";
import type { WaitedWithSomeoneOnline } from "./waited-online";
import type { ReportSummary } from "./summary";
import type { DurationStats } from "./stats";

export type ComparedPeriod = { from: Date; to: Date };

/** The compared period: the summary's side-by-side figures, nothing else. */
export type PreviousFigures = Pick<
  ReportSummary,
  "from" | "to" | "received" | "closed" | "assigned" | "queueWaitSeconds" | "firstResponseSeconds" | "resolutionSeconds" | "fairness" | "requeues" | "waitedWithSomeoneOnline" | "settingsChanges"
>;

export const summaryParamsSchema = reportParamsSchema.extend({
  compareFrom: z.iso.datetime({ offset: true, error: "reports.invalid.compareFrom" }).optional(),
  compareTo: z.iso.datetime({ offset: true, error: "reports.invalid.compareTo" }).optional(),
});

/** The summary's parameters: the report's, and the period it is compared with. */
export async function parseSummaryParams(db: Db, search: URLSearchParams | Record<string, string>): Promise<{ filter: ReportFilter; compare: ComparedPeriod }> {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const compareFrom = params.get("compareFrom") || undefined;
  const compareTo = params.get("compareTo") || undefined;
  const filter = await parseReportParams(db, params);
  const input = parseInput(summaryParamsSchema.pick({ compareFrom: true, compareTo: true }), { compareFrom, compareTo });
  if ((input.compareFrom === undefined) !== (input.compareTo === undefined)) {
    throw invalidFields({ [input.compareFrom === undefined ? "compareFrom" : "compareTo"]: "reports.invalid.comparePair" });
  }
  if (input.compareFrom === undefined || input.compareTo === undefined) return { filter, compare: previousPeriod(filter) };
  const compare = { from: new Date(input.compareFrom), to: new Date(input.compareTo) };
  if (compare.to.getTime() - compare.from.getTime() !== filter.to.getTime() - filter.from.getTime()) {
    throw invalidFields({ compareTo: "reports.invalid.compareLength" });
  }
  if (compare.to.getTime() - compare.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw invalidFields({ compareTo: "reports.invalid.tooLong" });
  return { filter, compare };
}

/** The period of the same length just before. */
export function previousPeriod(filter: Pick<ReportFilter, "from" | "to">): ComparedPeriod {
  const length = filter.to.getTime() - filter.from.getTime();
  return { from: new Date(filter.from.getTime() - length), to: filter.from };
}

/** A duration's totals (count, median, p90, buckets) as one JSON value, for one statement of many. */
function durationTotals(sql: Sql, filter: ReportFilter, column: DurationColumn): Fragment {
  const col = sql(column);
  return sql`(SELECT json_build_object(
                'count', count(*)::int,
                'percentiles', percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY d.s),
                'buckets', json_build_object('lt1m', count(*) FILTER (WHERE d.s < 60), '1to5m', count(*) FILTER (WHERE d.s >= 60 AND d.s < 300),
                                             '5to15m', count(*) FILTER (WHERE d.s >= 300 AND d.s < 900), '15to60m', count(*) FILTER (WHERE d.s >= 900 AND d.s < 3600),
                                             '1to4h', count(*) FILTER (WHERE d.s >= 3600 AND d.s < 14400), 'gt4h', count(*) FILTER (WHERE d.s >= 14400)))
                FROM (SELECT c.${sql(SECONDS_OF[column])} AS s
                        FROM conversations c
                       WHERE c.${col} >= ${at(sql, filter.from)} AND c.${col} < ${at(sql, filter.to)} ${conversationScope(sql, filter)}) d)`;
}

type Totals = { count: number; percentiles: [number, number] | null; buckets: FirstResponseBuckets };
const statsOfTotals = (t: Totals): DurationStats => ({ median: t.percentiles?.[0] ?? null, p90: t.percentiles?.[1] ?? null, count: t.count });

/** A period's conversation and assignment figures, in total only (no per-agent rows, charts or what was in force). */
export type PeriodTotals = Pick<PreviousFigures, "from" | "to" | "received" | "closed" | "assigned" | "queueWaitSeconds" | "firstResponseSeconds" | "resolutionSeconds">;

/**
 * A period's conversation and assignment figures, in total only: the counts in one
 * statement and each duration (a sort) in its own, concurrently on the pool.
 */
export async function periodTotals(db: Db, filter: ReportFilter): Promise<PeriodTotals> {
  const duration = (column: DurationColumn) => reportRead(db, async (sql) => (await sql<{ t: Totals }[]>`SELECT ${durationTotals(sql, filter, column)} AS t`)[0]!.t);
  const counts = reportRead(db, async (sql) => (await sql<{ received: number; assigned: AssignedByKind }[]>`
    SELECT (SELECT count(*)::int FROM conversations c
             WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}) AS received,
           (SELECT json_build_object('auto', count(*) FILTER (WHERE e.kind = 'auto'), 'self', count(*) FILTER (WHERE e.kind = 'self'),
                                     'manager', count(*) FILTER (WHERE e.kind = 'manager'), 'transfer', count(*) FILTER (WHERE e.kind = 'transfer'))
              FROM assignment_events e
             WHERE e.created_at >= ${at(sql, filter.from)} AND e.created_at < ${at(sql, filter.to)}
               AND e.to_user_id IS NOT NULL AND e.kind IN ('auto', 'self', 'manager', 'transfer') ${eventScope(sql, filter)}) AS assigned`)[0]!);
  const [{ received, assigned }, wait, response, resolved] = await Promise.all([counts, duration("first_assigned_at"), duration("first_response_at"), duration("closed_at")]);
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    received,
    closed: resolved.count,
    assigned,
    queueWaitSeconds: { ...statsOfTotals(wait), buckets: wait.buckets },
    firstResponseSeconds: { ...statsOfTotals(response), buckets: response.buckets },
    resolutionSeconds: statsOfTotals(resolved),
  };
}

/**
 * The compared period's figures, with the report's group, agent and time zone; what was
 * in force then (fairness, settings changes, requeues) comes from in-force.ts, which reads
 * both periods at once.
 */
export async function previousFigures(
  db: Db,
  filter: ReportFilter,
  compare: ComparedPeriod,
  inForce: Promise<InForce>,
  waited: Promise<WaitedWithSomeoneOnline | null>,
): Promise<PreviousFigures> {
  const [totals, then, waitedWithSomeoneOnline] = await Promise.all([periodTotals(db, { ...filter, from: compare.from, to: compare.to }), inForce, waited]);
  return { ...totals, ...then, waitedWithSomeoneOnline };
}
