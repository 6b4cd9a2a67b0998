// arrivals heatmap: received by weekday (0 = Sunday) × hour, in the report's time zone,
// from the received scan's quarter hours.
import type { Db } from "@/db/client";
import type { QuarterRow, ReportFilter } from "./filter";
import { receivedCounts } from "./received";

export type HeatmapCell = { weekday: number; hour: number; received: number };

export function heatmapOf(quarters: QuarterRow[]): HeatmapCell[] {
  const cells = new Array<number>(7 * 24).fill(0);
  for (const q of quarters) cells[q.weekday * 24 + q.hour] = (cells[q.weekday * 24 + q.hour] ?? 0) + q.n;
  return cells.map((received, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, received }));
}

export async function arrivalsHeatmap(db: Db, filter: ReportFilter): Promise<HeatmapCell[]> {
  return heatmapOf((await receivedCounts(db, filter)).quarters);
}
