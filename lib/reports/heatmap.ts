// arrivals heatmap: received by weekday (0 = Sunday) × hour, in the report's time zone.
import type { Db } from "@/db/client";
import { at, conversationScope, sqlOf, timeZoneOf, type ReportFilter } from "./filter";

export type HeatmapCell = { weekday: number; hour: number; received: number };

export async function arrivalsHeatmap(db: Db, filter: ReportFilter): Promise<HeatmapCell[]> {
  const sql = sqlOf(db);
  const tz = timeZoneOf(filter);
  const rows = await sql<HeatmapCell[]>`
    SELECT extract(dow FROM c.created_at AT TIME ZONE ${tz})::int AS weekday,
           extract(hour FROM c.created_at AT TIME ZONE ${tz})::int AS hour,
           count(*)::int AS received
      FROM conversations c
     WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}
     GROUP BY 1, 2`;
  const cells = new Map(rows.map((row) => [row.weekday * 24 + row.hour, row.received]));
  return Array.from({ length: 7 * 24 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, received: cells.get(i) ?? 0 }));
}
