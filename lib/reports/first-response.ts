// first response: firstResponseAt − createdAt (the first reply by a person; the welcome
// message never sets firstResponseAt), for conversations first answered in the period,
// with the buckets < 1 min, 1–5, 5–15, 15–60 min, 1–4 h, > 4 h (lower bound included).
import type { Db } from "@/db/client";
import { durationStats, type FirstResponseBuckets } from "./durations";
import type { ReportFilter } from "./filter";
import type { DurationStats } from "./stats";

export async function firstResponse(db: Db, filter: ReportFilter) {
  const { stats, buckets, byAgent } = await durationStats(db, filter, "first_response_at", true);
  const firstResponseSeconds: DurationStats & { buckets: FirstResponseBuckets } = { ...stats, buckets };
  return { firstResponseSeconds, byAgent };
}
