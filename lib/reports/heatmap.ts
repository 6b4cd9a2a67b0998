// arrivals heatmap: received by weekday (0 = Sunday) × hour, in the report's time zone.
import type { Db } from "@/db/client";
import { at, conversationScope, quarterHour, sqlOf, timeZoneOf, type ReportFilter } from "./filter";

export type HeatmapCell = { weekday: number; hour: number; received: number };

export async function arrivalsHeatmap(db: Db, filter: ReportFilter): Promise<HeatmapCell[]> {
  const sql = sqlOf(db);
  const tz = timeZoneOf(filter);
  const rows = await sql<HeatmapCell[]>`
    SELECT extract(dow FROM q.quarter AT TIME ZONE ${tz})::int AS weekday,
           extract(hour FROM q.quarter AT TIME ZONE ${tz})::int AS hour,
           sum(q.n)::int AS received
      FROM (SELECT ${quarterHour(sql, sql`c.created_at`)} AS quarter, count(*) AS n
              FROM conversations c
             WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}
             GROUP BY 1) q
     GROUP BY 1, 2`;
  const cells = new Map(rows.map((row) => [row.weekday * 24 + row.hour, row.received]));
  return Array.from({ length: 7 * 24 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, received: cells.get(i) ?? 0 }));
}
