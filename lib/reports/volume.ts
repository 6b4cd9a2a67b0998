// Volume over time: received and closed per bucket (an hour up to 14 days, else a day, in
// the report's time zone), from the quarter hours of the received scan and of the closings;
// the buckets are the same instants as load over time's samples.
import type { Db } from "@/db/client";
import { bucketSeries, isoUtc, perBucket, sqlOf, timeZoneOf, type QuarterRow, type ReportFilter } from "./filter";
import { receivedCounts } from "./received";
import { closedQuarters } from "./resolution";

export type VolumePoint = { at: string; received: number; closed: number };

/** The instants the period's buckets begin at (the first one clipped to `from`). */
export async function bucketStarts(db: Db, filter: ReportFilter): Promise<string[]> {
  const sql = sqlOf(db);
  const tz = timeZoneOf(filter);
  const rows = await sql<{ at: string }[]>`
    SELECT ${isoUtc(sql, sql`greatest(local AT TIME ZONE ${tz}, ${filter.from.toISOString()}::timestamptz)`)} AS at
      FROM ${bucketSeries(sql, filter)} AS local ORDER BY local`;
  return rows.map((r) => r.at);
}

export function volumeOf(buckets: string[], received: QuarterRow[], closed: QuarterRow[]): VolumePoint[] {
  const r = perBucket(received);
  const k = perBucket(closed);
  return buckets.map((at) => ({ at, received: r.get(at) ?? 0, closed: k.get(at) ?? 0 }));
}

export async function volumeOverTime(db: Db, filter: ReportFilter): Promise<VolumePoint[]> {
  const [buckets, received, closed] = await Promise.all([bucketStarts(db, filter), receivedCounts(db, filter), closedQuarters(db, filter)]);
  return volumeOf(buckets, received.quarters, closed);
}
