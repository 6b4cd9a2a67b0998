// closed: conversations closed in the period, in total and per assignee (who had it) —
// the count of the resolution figure, which scans exactly those conversations.
import type { Db } from "@/db/client";
import type { ReportFilter } from "./filter";
import { resolution } from "./resolution";

export async function closedCounts(db: Db, filter: ReportFilter) {
  const { resolutionSeconds, byAgent } = await resolution(db, filter);
  return { closed: resolutionSeconds.count, byAgent: new Map([...byAgent].map(([id, stats]) => [id, stats.count])) };
}
