// The team screen: every user with role, status, whether they may sign in, their load
// and their groups.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { userRole, userStatus, type User } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { accountLockedUntil } from "@/lib/auth/throttle";
import type { Same } from "@/lib/api/same-shape";

export type TeamMember = Pick<User, "id" | "name" | "email" | "role" | "status" | "active"> & {
  load: number;
  /** Their groups, each with the conversations they hold open in it (the "keep or return" choice on leaving). */
  groups: { id: number; name: string; openHere: number }[];
  /** Failed sign-ins lock the account until then (ISO time), or null. */
  lockedUntil: string | null;
};

/** GET /api/v1/users, declared once: the OpenAPI document and the API's tests use it. */
export const teamAnswer = z.array(
  z
    .object({
      id: z.int().min(1),
      name: z.string(),
      email: z.string(),
      role: z.enum(userRole.enumValues),
      status: z.enum(userStatus.enumValues),
      active: z.boolean().describe("May sign in"),
      load: z.int().min(0).describe("Open conversations assigned"),
      groups: z.array(z.object({ id: z.int().min(1), name: z.string(), openHere: z.int().min(0).describe("Their open conversations in this group") })),
      lockedUntil: z.string().meta({ format: "date-time" }).nullable().describe("Failed sign-ins lock the account until then"),
    })
    .meta({ id: "TeamMember" }),
);

const sameShape: Same<z.output<typeof teamAnswer>[number], TeamMember> = true;
void sameShape;

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
