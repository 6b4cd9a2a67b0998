// queue wait: the first event with an assignee minus createdAt, for conversations first
// assigned in the period. The first assignment is kept on the conversation by the
// assignment_events trigger (a requeued and reassigned conversation keeps its first).
import type { Db } from "@/db/client";
import { durationStats } from "./durations";
import type { ReportFilter } from "./filter";

export async function queueWait(db: Db, filter: ReportFilter) {
  const { stats, byAgent } = await durationStats(db, filter, "first_assigned_at");
  return { queueWaitSeconds: stats, byAgent };
}
