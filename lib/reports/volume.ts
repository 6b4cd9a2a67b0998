// Volume over time: received and closed per bucket (an hour up to 14 days, else a day, in
// the report's time zone); the buckets are the same as load over time's samples.
import type { Db } from "@/db/client";
import { at, bucketOf, bucketSeries, conversationScope, isoUtc, quarterHour, sqlOf, timeZoneOf, type ReportFilter } from "./filter";

export type VolumePoint = { at: string; received: number; closed: number };

export async function volumeOverTime(db: Db, filter: ReportFilter): Promise<VolumePoint[]> {
  const sql = sqlOf(db);
  const tz = timeZoneOf(filter);
  const unit = bucketOf(filter);
  const scope = conversationScope(sql, filter);
  return sql<VolumePoint[]>`
    WITH b AS (SELECT local FROM ${bucketSeries(sql, filter)} AS local),
         r AS (SELECT date_trunc(${unit}, q.quarter AT TIME ZONE ${tz}) AS local, sum(q.n)::int AS n
                 FROM (SELECT ${quarterHour(sql, sql`c.created_at`)} AS quarter, count(*) AS n
                         FROM conversations c
                        WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${scope} GROUP BY 1) q
                GROUP BY 1),
         k AS (SELECT date_trunc(${unit}, q.quarter AT TIME ZONE ${tz}) AS local, sum(q.n)::int AS n
                 FROM (SELECT ${quarterHour(sql, sql`c.closed_at`)} AS quarter, count(*) AS n
                         FROM conversations c
                        WHERE c.closed_at >= ${at(sql, filter.from)} AND c.closed_at < ${at(sql, filter.to)} ${scope} GROUP BY 1) q
                GROUP BY 1)
    SELECT ${isoUtc(sql, sql`greatest(b.local AT TIME ZONE ${tz}, ${at(sql, filter.from)})`)} AS at,
           coalesce(r.n, 0) AS received, coalesce(k.n, 0) AS closed
      FROM b LEFT JOIN r USING (local) LEFT JOIN k USING (local)
     ORDER BY b.local`;
}
