// The three durations of SPEC §7 share one shape: for the conversations whose `at` instant
// falls in the period, `at − created_at` in seconds, median and p90 by percentile_cont.
import type { Db } from "@/db/client";
import { at, conversationScope, quarterHour, quarterPlace, sqlOf, type QuarterRow, type ReportFilter } from "./filter";
import { splitTotals, statsOf, type DurationStats, type StatsRow } from "./stats";

export type DurationColumn = "first_assigned_at" | "first_response_at" | "closed_at";

export type FirstResponseBuckets = { lt1m: number; "1to5m": number; "5to15m": number; "15to60m": number; "1to4h": number; gt4h: number };
export const FIRST_RESPONSE_BUCKETS = ["lt1m", "1to5m", "5to15m", "15to60m", "1to4h", "gt4h"] as const;

type Row = StatsRow & Partial<FirstResponseBuckets>;

export async function durationStats(db: Db, filter: ReportFilter, column: DurationColumn, withBuckets = false) {
  const sql = sqlOf(db);
  const col = sql(column);
  // Each duration is computed once per row (d), then aggregated in total and per assignee;
  // the quarter hours of `column` come from the same scan (volume over time's closings).
  // Percentiles sort every duration of the period: enough work_mem to sort in memory
  // (a month of a busy team is ~10 MB), for this transaction only.
  const [result] = await sql.begin(async (tx) => {
    void tx`SET LOCAL work_mem = '32MB'`.execute();
    return tx<{ stats: Row[] | null; quarters: QuarterRow[] | null }[]>`
    WITH d AS (SELECT c.assignee_id AS agent, extract(epoch FROM c.${col} - c.created_at)::float8 AS s,
                      ${quarterHour(sql, sql`c.${col}`)} AS quarter
                 FROM conversations c
                WHERE c.${col} >= ${at(sql, filter.from)} AND c.${col} < ${at(sql, filter.to)} ${conversationScope(sql, filter)}),
         stats AS (
           SELECT d.agent AS "agentId", GROUPING(d.agent) AS total, count(*)::int AS count,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY d.s) AS median,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY d.s) AS p90
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
             FROM d GROUP BY GROUPING SETS ((), (d.agent))),
         quarters AS (SELECT q.n, ${quarterPlace(sql, filter, sql`q.quarter`)}
                        FROM (SELECT d.quarter, count(*)::int AS n FROM d GROUP BY d.quarter) q)
    SELECT (SELECT json_agg(stats) FROM stats) AS stats, (SELECT json_agg(quarters) FROM quarters) AS quarters`;
  });
  const { total, byAgent } = splitTotals(result?.stats ?? []);
  const buckets = Object.fromEntries(FIRST_RESPONSE_BUCKETS.map((key) => [key, total?.[key] ?? 0])) as FirstResponseBuckets;
  return {
    stats: statsOf(total),
    buckets,
    byAgent: new Map<number, DurationStats>([...byAgent].map(([id, row]) => [id, statsOf(row)])),
    quarters: result?.quarters ?? [],
  };
}
