// resolution: closedAt − createdAt for conversations closed in the period.
import type { Db } from "@/db/client";
import { durationStats } from "./durations";
import type { ReportFilter } from "./filter";

export async function resolution(db: Db, filter: ReportFilter) {
  const { stats, byAgent } = await durationStats(db, filter, "closed_at");
  return { resolutionSeconds: stats, byAgent };
}
