// resolution: closedAt − createdAt for conversations closed in the period. Its count is
// `closed` (conversations closed in the period), and its quarter hours the volume's closings.
import type { Db } from "@/db/client";
import { durationStats } from "./durations";
import type { ReportFilter } from "./filter";

export async function resolution(db: Db, filter: ReportFilter) {
  const { stats, byAgent, quarters } = await durationStats(db, filter, "closed_at");
  return { resolutionSeconds: stats, byAgent, quarters };
}
