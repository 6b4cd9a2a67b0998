// load over time: open conversations per agent, sampled hourly (at the start of each hour)
// up to 14 days, daily beyond — at noon in the report's time zone, when a team is at work
// (at midnight a daytime team holds nothing); samples in the future are left out. Who had which conversation when
// is assignment_spans, kept by the assignment_events trigger; each sample is one probe
// of its GiST index, so the cost follows the samples, not the history.
import type { Db } from "@/db/client";
import { at, bucketOf, bucketSeries, isoUtc, reportRead, timeZoneOf, type ReportFilter } from "./filter";

export type LoadPoint = { at: string; agentId: number; open: number };

export async function loadOverTime(db: Db, filter: ReportFilter): Promise<LoadPoint[]> {
  const tz = timeZoneOf(filter);
  const offset = bucketOf(filter) === "day" ? "12 hours" : "0 hours";
  return reportRead(db, (sql) => sql<LoadPoint[]>`
    WITH p AS (SELECT s.at FROM (SELECT greatest((local + ${offset}::interval) AT TIME ZONE ${tz}, ${at(sql, filter.from)}) AS at
                                   FROM ${bucketSeries(sql, filter)} AS local) s
                WHERE s.at <= now() AND s.at < ${at(sql, filter.to)})
    SELECT ${isoUtc(sql, sql`p.at`)} AS at, s.user_id AS "agentId", count(*)::int AS open
      FROM p
      JOIN assignment_spans s ON tstzrange(s.started_at, s.ended_at, '[)') @> p.at
     WHERE true
       ${filter.groupId === undefined ? sql`` : sql`AND s.group_id = ${filter.groupId}`}
       ${filter.agentId === undefined ? sql`` : sql`AND s.user_id = ${filter.agentId}`}
     GROUP BY p.at, s.user_id
     ORDER BY p.at, s.user_id`);
}
