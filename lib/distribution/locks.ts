// The locks the engine's transactions take, always in this order, so that no two of
// them can wait on each other:
//   1. the group's advisory lock (several app instances share it through PostgreSQL):
//      a group's decisions and changes to its queued conversations take turns, each
//      seeing the one before, and settings changes made under it never meet a
//      decision half under the old rules;
//   2. the conversation's row;
//   3. the users rows whose load changes, in ascending id. Every change of an agent's
//      load happens under this lock, so a load read after taking it is exact.
// What makes a double assignment impossible is not a lock but the compare-and-set of
// every write (`WHERE status = 'queued'`, and the winner's facts unchanged).
import { sql } from "drizzle-orm";
import type { SqlTx, Tx } from "@/db/client";
import type { ChannelGroup, Conversation, User } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { groupIdOf, type GroupRef } from "./candidates";
import type { Client } from "./connection";

/** First key of the two-key advisory locks (its own key space, apart from the single-key ones of db/). */
export const GROUP_LOCK_NAMESPACE = 7_314_100;

/** The group lock in one of the engine's transactions; held until it ends. */
export function groupLock(tx: Client, ref: GroupRef) {
  return tx`SELECT pg_advisory_xact_lock(${GROUP_LOCK_NAMESPACE}::int, ${groupIdOf(tx, ref)})`;
}

/**
 * The same lock in a drizzle transaction, for code outside the engine that changes what
 * decisions read (group settings, membership): no decision then runs half before, half after.
 */
export function lockGroup(tx: Tx, groupId: number) {
  return tx.execute(sql`SELECT pg_advisory_xact_lock(${GROUP_LOCK_NAMESPACE}::int, ${groupId}::int)`);
}

export type LockedConversation = Pick<Conversation, "id" | "groupId" | "status" | "assigneeId"> & {
  strategy: ChannelGroup["strategy"];
  assigneeName: string | null;
};

/** Locks the conversation's group, then its row. */
export async function lockConversation(tx: SqlTx, conversationId: number): Promise<LockedConversation> {
  // A conversation changes group once at most, when the entry menu routes it (docs/behaviour.md#entry-menu),
  // and only while no one has it: if it moved between the read and the lock, lock again.
  for (;;) {
    const locked = await lockConversationIn(tx, conversationId);
    if (locked) return locked;
  }
}

async function lockConversationIn(tx: SqlTx, conversationId: number): Promise<LockedConversation | null> {
  const [found] = await tx<{ groupId: number }[]>`SELECT group_id AS "groupId" FROM conversations WHERE id = ${conversationId}`;
  if (!found) throw new UserError("not_found", "This conversation does not exist.", { conversationId });
  const [, [row]] = await Promise.all([
    groupLock(tx, { groupId: found.groupId }).execute(),
    tx<LockedConversation[]>`
      SELECT c.id, c.group_id AS "groupId", c.status, c.assignee_id AS "assigneeId",
             g.strategy, u.name AS "assigneeName"
        FROM conversations c
        JOIN channel_groups g ON g.id = c.group_id
        LEFT JOIN users u ON u.id = c.assignee_id
       WHERE c.id = ${conversationId}
         FOR UPDATE OF c`.execute(),
  ]);
  // Moved meanwhile: the caller locks the new group too. Only at the instant of routing
  // can this hold two group locks out of order; PostgreSQL would end one side of a deadlock.
  return row!.groupId === found.groupId ? row! : null;
}

/**
 * Locks a conversation and another group it is to move to (a transfer to another group):
 * both groups' locks in ascending id, then the row, so that two transfers in opposite
 * directions take them in the same order instead of waiting on each other.
 */
export async function lockConversationMovingTo(tx: SqlTx, conversationId: number, targetGroupId: number): Promise<LockedConversation> {
  for (;;) {
    const [found] = await tx<{ groupId: number }[]>`SELECT group_id AS "groupId" FROM conversations WHERE id = ${conversationId}`;
    if (!found) throw new UserError("not_found", "This conversation does not exist.", { conversationId });
    for (const groupId of [...new Set([found.groupId, targetGroupId])].sort((a, b) => a - b)) {
      await groupLock(tx, { groupId }).execute();
    }
    const locked = await lockConversationIn(tx, conversationId);
    if (locked) return locked;
  }
}

export type LockedAgent = Pick<User, "id" | "name" | "role" | "active" | "status"> & { isMember: boolean };

/**
 * Locks users rows in ascending id and tells whether each is a member of the group.
 * FOR NO KEY UPDATE: it serializes load changes and status changes (an UPDATE of users
 * takes the same lock) without blocking rows that merely reference the user.
 */
export async function lockAgents(tx: SqlTx, groupId: number, userIds: number[]): Promise<Map<number, LockedAgent>> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b);
  const rows = await tx<LockedAgent[]>`
    SELECT u.id, u.name, u.role, u.active, u.status,
           EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = ${groupId} AND m.user_id = u.id) AS "isMember"
      FROM users u
     WHERE u.id = ANY(${ids}::int[])
     ORDER BY u.id
       FOR NO KEY UPDATE OF u`;
  return new Map(rows.map((r) => [r.id, r]));
}

/** The user who will receive a conversation by hand (take, manager assignment, transfer). */
export function requireAssignee(agent: LockedAgent | undefined, options: { managerAnyGroup?: boolean } = {}): LockedAgent {
  if (!agent) throw new UserError("not_found", "This user does not exist.");
  if (!agent.active) throw new UserError("not_eligible", `${agent.name} is inactive.`, { name: agent.name });
  const allowed = agent.isMember || (options.managerAnyGroup === true && agent.role === "manager");
  if (!allowed) {
    throw new UserError("not_member", `${agent.name} is not a member of this group.`, { name: agent.name });
  }
  return agent;
}
