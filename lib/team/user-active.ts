// Deactivating a user: they can no longer sign in (lib/auth/users.ts refuses inactive
// users, and every session is re-checked against the database), they go offline, and
// their open conversations return to the queue through the engine, which redistributes
// them. Reactivating lets them sign in again, offline until they choose Online.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, users } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { memberGroupIds, transferConversation, type ConversationChange } from "@/lib/distribution";
import { recordAudit } from "@/lib/groups/audit-log";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { lockActiveManagers } from "./manager-lock";
import { unknownUser, userActiveSchema, type UserActiveInput } from "./schemas";
import type { TeamUser } from "./users";

export type UserActiveChange = {
  user: TeamUser;
  changed: boolean;
  /** The conversations that went back to the queue. */
  requeued: number[];
  /** Every change of assignee: the requeues and the redistribution that followed. */
  changes: ConversationChange[];
  groupIds: number[];
};

export async function setUserActive(
  db: Db,
  actor: Actor | null | undefined,
  input: UserActiveInput,
): Promise<UserActiveChange> {
  const manager = requireManager(actor);
  const { userId, active } = parseInput(userActiveSchema, input);
  if (!active && userId === manager.id) throw invalidFields({ userId: "team.invalid.deactivateSelf" });

  const { user, changed } = await db.transaction(async (tx) => {
    // Deactivating could leave no manager if it raced with a role change (manager-lock.ts).
    if (!active) await lockActiveManagers(tx, manager.id);
    // The row lock every distribution decision takes on its winner: no decision sees half of this.
    const [row] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, status: users.status })
      .from(users)
      .where(eq(users.id, userId))
      .for("no key update");
    if (!row) throw unknownUser();
    const { status, ...before } = row;
    if (before.active === active) return { user: before, changed: false };
    // Read by the trigger that writes agent_status_history.
    await tx.execute(sql`SELECT set_config('fila.status_source', 'deactivation', true)`);
    await tx
      .update(users)
      .set(active ? { active } : { active, status: "offline" })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "user",
      entityId: userId,
      groupId: null,
      action: active ? "user.activated" : "user.deactivated",
      changes: { active: { from: before.active, to: active }, ...(active || status === "offline" ? {} : { status: { from: status, to: "offline" } }) },
    });
    return { user: { ...before, active }, changed: true };
  });

  const groupIds = await memberGroupIds(db, userId);
  if (!changed || active) return { user, changed, requeued: [], changes: [], groupIds };

  const open = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.assigneeId, userId), eq(conversations.status, "assigned")))
    .orderBy(asc(conversations.queuedAt), asc(conversations.id));
  const requeued: number[] = [];
  const changes: ConversationChange[] = [];
  for (const { id } of open) {
    try {
      // Each requeue drains its group: an eligible colleague receives it at once.
      const result = await transferConversation(db, { actorId: manager.id, conversationId: id, to: "queue" });
      if (result.changes.length > 0) requeued.push(id);
      changes.push(...result.changes);
    } catch (error) {
      // Closed or moved on by someone else in the meantime: nothing of theirs to return.
      if (error instanceof UserError && error.code === "conflict") continue;
      throw error;
    }
  }
  return { user, changed, requeued, changes, groupIds };
}

