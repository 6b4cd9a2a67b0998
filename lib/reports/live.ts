// live counts at the top of the page: open, queued, oldest wait and agents online, now
// (they do not depend on the period). With an agent: their open conversations, the queue
// of their groups, and whether they are online.
import type { Db } from "@/db/client";
import { sqlOf, type ReportFilter } from "./filter";

export type LiveCounts = { open: number; queued: number; oldestWaitSeconds: number | null; agentsOnline: number };

export async function liveCounts(db: Db, filter: Pick<ReportFilter, "groupId" | "agentId">): Promise<LiveCounts> {
  const sql = sqlOf(db);
  const group = filter.groupId === undefined ? sql`` : sql`AND c.group_id = ${filter.groupId}`;
  const agentGroups =
    filter.agentId === undefined ? sql`` : sql`AND c.group_id IN (SELECT group_id FROM group_members WHERE user_id = ${filter.agentId})`;
  const [counts] = await sql<{ open: number; queued: number; oldestWaitSeconds: number | null }[]>`
    SELECT (SELECT count(*)::int FROM conversations c
             WHERE c.status <> 'closed' ${group}
               ${filter.agentId === undefined ? sql`` : sql`AND c.assignee_id = ${filter.agentId}`}) AS open,
           q.queued, q."oldestWaitSeconds"
      FROM (SELECT count(*)::int AS queued, extract(epoch FROM now() - min(c.queued_at))::float8 AS "oldestWaitSeconds"
              FROM conversations c WHERE c.status = 'queued' ${group} ${agentGroups}) q`;
  const [online] = await sql<{ agentsOnline: number }[]>`
    SELECT count(*)::int AS "agentsOnline" FROM users u
     WHERE u.active AND u.status = 'online'
       AND EXISTS (SELECT 1 FROM group_members m WHERE m.user_id = u.id
                   ${filter.groupId === undefined ? sql`` : sql`AND m.group_id = ${filter.groupId}`})
       ${filter.agentId === undefined ? sql`` : sql`AND u.id = ${filter.agentId}`}`;
  return { open: counts?.open ?? 0, queued: counts?.queued ?? 0, oldestWaitSeconds: counts?.oldestWaitSeconds ?? null, agentsOnline: online?.agentsOnline ?? 0 };
}
