// assigned by kind: assignment events in the period with an assignee, by kind
// (auto, self, manager, transfer), in total and per agent who received them.
import type { Db } from "@/db/client";
import { at, eventScope, reportRead, type ReportFilter } from "./filter";

export const ASSIGNMENT_KINDS = ["auto", "self", "manager", "transfer"] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];
export type AssignedByKind = Record<AssignmentKind, number>;

export const noAssignments = (): AssignedByKind => ({ auto: 0, self: 0, manager: 0, transfer: 0 });

export async function assignedByKind(db: Db, filter: ReportFilter) {
  // Index-only on assignment_events_assigned_idx: the events with an assignee, by time.
  const rows = await reportRead(db, (sql) => sql<{ agentId: number | null; total: number; kind: AssignmentKind; count: number }[]>`
    SELECT e.to_user_id AS "agentId", GROUPING(e.to_user_id) AS total, e.kind, count(*)::int AS count
      FROM assignment_events e
     WHERE e.created_at >= ${at(sql, filter.from)} AND e.created_at < ${at(sql, filter.to)}
       AND e.to_user_id IS NOT NULL AND e.kind IN ('auto', 'self', 'manager', 'transfer') ${eventScope(sql, filter)}
     GROUP BY GROUPING SETS ((e.kind), (e.kind, e.to_user_id))`);
  const assigned = noAssignments();
  const byAgent = new Map<number, AssignedByKind>();
  for (const row of rows) {
    if (row.total === 1) assigned[row.kind] = row.count;
    else if (row.agentId !== null) {
      const agent = byAgent.get(row.agentId) ?? noAssignments();
      agent[row.kind] = row.count;
      byAgent.set(row.agentId, agent);
    }
  }
  return { assigned, byAgent };
}
