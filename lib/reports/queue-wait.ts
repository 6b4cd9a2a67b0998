// queue wait: the first event with an assignee minus createdAt, for conversations first
// assigned in the period. The first assignment is kept on the conversation by the
// assignment_events trigger (a requeued and reassigned conversation keeps its first).
// Bucketed like first response (an addition to docs/behaviour.md#reports's keys, for the page's chart).
import type { Db } from "@/db/client";
import { durationStats } from "./durations";
import type { ReportFilter } from "./filter";

export async function queueWait(db: Db, filter: ReportFilter) {
  const { stats, buckets, byAgent } = await durationStats(db, filter, "first_assigned_at", true);
  return { queueWaitSeconds: { ...stats, buckets }, byAgent };
}
