// What every figure of docs/behaviour.md#reports is computed over: the half-open period [from, to), an
// optional group and agent, and the time zone that days and hours are read in.
// Scope rules (where the spec is silent, the same in the page, the JSON and the CSV):
// - conversation figures (received, closed, queue wait, first response, resolution,
//   heatmap, CSV rows) keep the conversations of the group, and with an agent those
//   whose assignee is that agent (the current one, or the last one once closed);
// - assignment figures keep the events of the group, and with an agent those to them;
// - load over time keeps the agent's stretches with conversations (assignment_spans).
import type postgres from "postgres";
import type { Db } from "@/db/client";

export type ReportFilter = {
  from: Date;
  to: Date;
  groupId?: number;
  agentId?: number;
  /** IANA time zone for weekdays, hours and day buckets; UTC when not given. */
  timeZone?: string;
};

export type Sql = postgres.Sql;
export type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Fourteen days or less are bucketed by hour, longer periods by day (docs/behaviour.md#reports, load over time). */
export const HOURLY_UP_TO_MS = 14 * 24 * 3600 * 1000;

export function sqlOf(db: Db): Sql {
  return db.$client;
}

/**
 * Runs a figure's query in its own read-only transaction with the settings report queries
 * need: no JIT (compiling a plan costs more than these index scans: 100+ ms measured on
 * load over time at a million conversations), enough work_mem to sort a period's
 * durations in memory (a month of a busy team is ~10 MB), and no parallel workers: the
 * summary already runs its figures concurrently, each on its own connection from the pool,
 * and workers on top of that only add their start-up and gathering to the CPU it is bound
 * by (issue 27: all groups' p50 772 → 635 ms at the same load without them).
 */
export async function reportRead<T>(db: Db, run: (sql: Sql) => Promise<T>): Promise<T> {
  return sqlOf(db).begin("read only", async (tx) => {
    await tx`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true), set_config('max_parallel_workers_per_gather', '0', true)`;
    return run(tx as unknown as Sql);
  }) as Promise<T>;
}

export function bucketOf(filter: ReportFilter): "hour" | "day" {
  return filter.to.getTime() - filter.from.getTime() <= HOURLY_UP_TO_MS ? "hour" : "day";
}

export function timeZoneOf(filter: ReportFilter): string {
  return filter.timeZone ?? "UTC";
}

/** `AND …` for conversations aliased `c`. */
export function conversationScope(sql: Sql, filter: ReportFilter): Fragment {
  return sql`${filter.groupId === undefined ? sql`` : sql`AND c.group_id = ${filter.groupId}`}
             ${filter.agentId === undefined ? sql`` : sql`AND c.assignee_id = ${filter.agentId}`}`;
}

/** `AND …` for assignment events aliased `e`. */
export function eventScope(sql: Sql, filter: ReportFilter): Fragment {
  return sql`${filter.groupId === undefined ? sql`` : sql`AND e.group_id = ${filter.groupId}`}
             ${filter.agentId === undefined ? sql`` : sql`AND e.to_user_id = ${filter.agentId}`}`;
}

/** The local starts of the period's buckets, as `local` (timestamp without time zone). */
export function bucketSeries(sql: Sql, filter: ReportFilter): Fragment {
  const tz = timeZoneOf(filter);
  const unit = bucketOf(filter);
  return sql`generate_series(date_trunc(${unit}, ${at(sql, filter.from)} AT TIME ZONE ${tz}),
                             (${at(sql, filter.to)} AT TIME ZONE ${tz}) - interval '1 microsecond',
                             ${unit === "hour" ? "1 hour" : "1 day"}::interval)`;
}

export const isoUtc = (sql: Sql, column: Fragment) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An instant as a parameter (postgres.js sends it as ISO text, cast on the server). */
export const at = (sql: Sql, instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * Instants grouped first into UTC quarter hours (cheap: no time zone per row), which every
 * time zone's hours and days are made of (offsets are multiples of 15 minutes); callers
 * then read each quarter's local hour or day, once per quarter instead of once per row.
 */
export function quarterHour(sql: Sql, column: Fragment): Fragment {
  return sql`date_bin('15 minutes', ${column}, '2000-01-01T00:00:00Z'::timestamptz)`;
}

/**
 * For a column of quarter hours `q`: its local weekday and hour, and the instant its bucket
 * (hour or day, in the report's time zone) begins — at most once per quarter, not per row.
 */
export function quarterPlace(sql: Sql, filter: ReportFilter, q: Fragment): Fragment {
  const tz = timeZoneOf(filter);
  return sql`extract(dow FROM ${q} AT TIME ZONE ${tz})::int AS weekday,
             extract(hour FROM ${q} AT TIME ZONE ${tz})::int AS hour,
             ${isoUtc(sql, sql`greatest(date_trunc(${bucketOf(filter)}, ${q} AT TIME ZONE ${tz}) AT TIME ZONE ${tz}, ${at(sql, filter.from)})`)} AS bucket`;
}

export type QuarterRow = { weekday: number; hour: number; bucket: string; n: number };

/** Sums quarter rows per bucket instant. */
export function perBucket(rows: QuarterRow[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(row.bucket, (sums.get(row.bucket) ?? 0) + row.n);
  return sums;
}
