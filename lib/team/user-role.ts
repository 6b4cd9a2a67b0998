// A manager makes an agent a manager, or a manager an agent (docs/behaviour.md#people-and-permissions).
// The users row's trigger ends the person's sessions and API tokens on a role change
// (migration 0002), so they sign in again under the new role; their groups and open
// conversations stay as they are. Fila always keeps one active manager.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/groups/audit-log";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { lockActiveManagers } from "./manager-lock";
import { userRoleSchema, type UserRoleInput } from "./schemas";
import type { TeamUser } from "./users";

export type UserRoleChange = { user: TeamUser; changed: boolean };

export async function setUserRole(db: Db, actor: Actor | null | undefined, input: UserRoleInput): Promise<UserRoleChange> {
  const manager = requireManager(actor);
  const { userId, role } = parseInput(userRoleSchema, input);
  return db.transaction(async (tx) => {
    // The caller's role as it is now, not as the session remembers it.
    const managers = await lockActiveManagers(tx, manager.id);
    const [before] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, userId))
      .for("no key update");
    if (!before) throw new UserError("not_found", "This user does not exist.", { userId });
    if (before.role === role) return { user: before, changed: false };
    if (role === "agent" && before.active && managers.length === 1 && managers[0] === userId) {
      throw invalidFields({ role: "team.invalid.lastManager" });
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "user",
      entityId: userId,
      groupId: null,
      action: "user.role_changed",
      changes: { role: { from: before.role, to: role } },
    });
    return { user: { ...before, role }, changed: true };
  });
}
