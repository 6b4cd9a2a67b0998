// The agents a report is about: with an agent, that one; else the members of the group,
// or of any group. (Deactivated members too: their past time still counts.)
import type { Db } from "@/db/client";
import { sqlOf, type ReportFilter } from "./filter";

export type ReportAgent = { agentId: number; name: string; email: string; active: boolean };

export async function reportAgents(db: Db, filter: ReportFilter): Promise<ReportAgent[]> {
  const sql = sqlOf(db);
  return sql<ReportAgent[]>`
    SELECT u.id AS "agentId", u.name, u.email, u.active
      FROM users u
     WHERE ${
       filter.agentId !== undefined
         ? sql`u.id = ${filter.agentId}`
         : sql`EXISTS (SELECT 1 FROM group_members m WHERE m.user_id = u.id
                        ${filter.groupId === undefined ? sql`` : sql`AND m.group_id = ${filter.groupId}`})`
     }
     ORDER BY lower(u.name), u.id`;
}

/** Names of users by id, for agents who appear in the figures without being members now. */
export async function usersById(db: Db, ids: number[]): Promise<ReportAgent[]> {
  if (ids.length === 0) return [];
  const sql = sqlOf(db);
  return sql<ReportAgent[]>`SELECT id AS "agentId", name, email, active FROM users WHERE id IN ${sql(ids)}`;
}
