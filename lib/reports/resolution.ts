// resolution: closedAt − createdAt for conversations closed in the period. Its count is
// `closed` (conversations closed in the period). The volume's closings per quarter hour
// are `closedQuarters`, a separate count the summary runs concurrently.
import type { Db } from "@/db/client";
import { durationStats, quartersOf } from "./durations";
import type { ReportFilter } from "./filter";

export async function resolution(db: Db, filter: ReportFilter) {
  const { stats, byAgent } = await durationStats(db, filter, "closed_at");
  return { resolutionSeconds: stats, byAgent };
}

export function closedQuarters(db: Db, filter: ReportFilter) {
  return quartersOf(db, filter, "closed_at");
}
