// The three durations of docs/behaviour.md#reports share one shape: for the conversations whose `at` instant
// falls in the period, `at − created_at` in seconds, median and p90 by percentile_cont.
import type { Db } from "@/db/client";
import { at, conversationScope, quarterHour, quarterPlace, reportRead, type QuarterRow, type ReportFilter } from "./filter";
import { splitTotals, statsOf, type DurationStats, type StatsRow } from "./stats";

export type DurationColumn = "first_assigned_at" | "first_response_at" | "closed_at";

/**
 * Each duration's seconds, stored by the row when its instant is set (generated columns,
 * migration 0029): `extract(epoch FROM column - created_at)::float8`, the definition itself.
 */
export const SECONDS_OF: Record<DurationColumn, string> = {
  first_assigned_at: "queue_wait_seconds",
  first_response_at: "first_response_seconds",
  closed_at: "resolution_seconds",
};

export type FirstResponseBuckets = { lt1m: number; "1to5m": number; "5to15m": number; "15to60m": number; "1to4h": number; gt4h: number };
export const FIRST_RESPONSE_BUCKETS = ["lt1m", "1to5m", "5to15m", "15to60m", "1to4h", "gt4h"] as const;

type Row = Omit<StatsRow, "median" | "p90"> & { percentiles: [number, number] | null } & Partial<FirstResponseBuckets>;

/**
 * Median and p90 in total and per assignee, from one index-only scan of the period and one
 * sort: both percentiles come from a single percentile_cont over an array of fractions.
 */
export async function durationStats(db: Db, filter: ReportFilter, column: DurationColumn, withBuckets = false) {
  const rows = await reportRead(db, (sql) => {
    const col = sql(column);
    return sql<Row[]>`
      SELECT d.agent AS "agentId", GROUPING(d.agent) AS total, count(*)::int AS count,
             percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY d.s) AS percentiles
             ${
               withBuckets
                 ? sql`, count(*) FILTER (WHERE d.s < 60)::int AS lt1m,
                        count(*) FILTER (WHERE d.s >= 60 AND d.s < 300)::int AS "1to5m",
                        count(*) FILTER (WHERE d.s >= 300 AND d.s < 900)::int AS "5to15m",
                        count(*) FILTER (WHERE d.s >= 900 AND d.s < 3600)::int AS "15to60m",
                        count(*) FILTER (WHERE d.s >= 3600 AND d.s < 14400)::int AS "1to4h",
                        count(*) FILTER (WHERE d.s >= 14400)::int AS gt4h`
                 : sql``
             }
        FROM (SELECT c.assignee_id AS agent, c.${sql(SECONDS_OF[column])} AS s
                FROM conversations c
               WHERE c.${col} >= ${at(sql, filter.from)} AND c.${col} < ${at(sql, filter.to)} ${conversationScope(sql, filter)}) d
       GROUP BY GROUPING SETS ((), (d.agent))`;
  });
  const { total, byAgent } = splitTotals(rows.map(({ percentiles, ...row }) => ({ ...row, median: percentiles?.[0] ?? null, p90: percentiles?.[1] ?? null })));
  const buckets = Object.fromEntries(FIRST_RESPONSE_BUCKETS.map((key) => [key, total?.[key] ?? 0])) as FirstResponseBuckets;
  return {
    stats: statsOf(total),
    buckets,
    byAgent: new Map<number, DurationStats>([...byAgent].map(([id, row]) => [id, statsOf(row)])),
  };
}

/** How many conversations' `column` instant fell in each UTC quarter hour of the period, placed in the time zone. */
export async function quartersOf(db: Db, filter: ReportFilter, column: DurationColumn): Promise<QuarterRow[]> {
  return reportRead(db, (sql) => {
    const col = sql(column);
    return sql<QuarterRow[]>`
      SELECT q.n, ${quarterPlace(sql, filter, sql`q.quarter`)}
        FROM (SELECT ${quarterHour(sql, sql`c.${col}`)} AS quarter, count(*)::int AS n
                FROM conversations c
               WHERE c.${col} >= ${at(sql, filter.from)} AND c.${col} < ${at(sql, filter.to)} ${conversationScope(sql, filter)}
               GROUP BY 1) q`;
  });
}
