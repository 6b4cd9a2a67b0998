// The team screen: every user with role, status, whether they may sign in, their load
// and their groups.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { accountLockedUntil } from "@/lib/auth/throttle";

export type TeamMember = Pick<User, "id" | "name" | "email" | "role" | "status" | "active"> & {
  load: number;
  /** Their groups, each with the conversations they hold open in it (the "keep or return" choice on leaving). */
  groups: { id: number; name: string; openHere: number }[];
  /** Failed sign-ins lock the account until then (ISO time), or null. */
  lockedUntil: string | null;
};

export async function listTeam(db: Db, actor: Actor | null | undefined): Promise<TeamMember[]> {
  requireManager(actor);
  const rows = await db.execute<Omit<TeamMember, "lockedUntil">>(sql`
    SELECT u.id, u.name, u.email, u.role, u.status, u.active,
           u.open_conversations AS load,
           COALESCE((SELECT json_agg(json_build_object('id', g.id, 'name', g.name, 'openHere',
                                  (SELECT count(*)::int FROM conversations c WHERE c.group_id = g.id AND c.assignee_id = u.id AND c.status = 'assigned')) ORDER BY lower(g.name))
                       FROM group_members m JOIN channel_groups g ON g.id = m.group_id
                      WHERE m.user_id = u.id), '[]'::json) AS groups
      FROM users u
     ORDER BY u.active DESC, u.role, lower(u.name)`);
  return Promise.all(rows.map(async (row) => ({ ...row, lockedUntil: (await accountLockedUntil(db, row.email))?.toISOString() ?? null })));
}
