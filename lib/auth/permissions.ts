// Who may do what (docs/behaviour.md#people-and-permissions), in one place. Every server action, route handler and
// socket event calls these on the server before it touches the domain.
import { and, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { conversations, groupMembers, users, type Conversation, type User } from "@/db/schema";
import { UserError } from "@/lib/errors";

export type Role = User["role"];
export type Actor = { id: number; role: Role; name?: string };

export function isManager(actor: Actor | null | undefined): boolean {
  return actor?.role === "manager";
}

export function requireActor<A extends Actor>(actor: A | null | undefined): A {
  if (!actor) throw new UserError("unauthenticated", "Please sign in again.");
  return actor;
}

/** Group settings, channels, members, users, the board and reports. */
export function requireManager<A extends Actor>(actor: A | null | undefined): A {
  const a = requireActor(actor);
  if (a.role !== "manager") throw new UserError("forbidden", "Only managers can do this.");
  return a;
}

export async function isGroupMember(db: Queryable, userId: number, groupId: number): Promise<boolean> {
  const rows = await db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

/** See a group's queue and its live events: managers see every group, agents their own. */
export async function requireGroupAccess(db: Queryable, actor: Actor | null | undefined, groupId: number): Promise<Actor> {
  const a = requireActor(actor);
  if (a.role === "manager") return a;
  if (!(await isGroupMember(db, a.id, groupId))) {
    throw new UserError("forbidden", "You are not a member of this group.");
  }
  return a;
}

async function loadConversation(db: Queryable, conversationId: number) {
  const [row] = await db
    .select({ id: conversations.id, groupId: conversations.groupId, assigneeId: conversations.assigneeId, status: conversations.status })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .limit(1);
  if (!row) throw new UserError("not_found", "This conversation does not exist.");
  return row;
}

/**
 * Read a conversation: managers any; agents those of their groups or assigned to them.
 * One still routing through an entry menu (docs/behaviour.md#entry-menu) belongs to no team yet: managers only.
 */
export async function requireConversationAccess(db: Queryable, actor: Actor | null | undefined, conversationId: number) {
  const a = requireActor(actor);
  const conversation = await loadConversation(db, conversationId);
  if (a.role === "manager" || conversation.assigneeId === a.id) return conversation;
  if (conversation.status === "routing" || !(await isGroupMember(db, a.id, conversation.groupId))) {
    throw new UserError("forbidden", "You cannot open this conversation.");
  }
  return conversation;
}

/** Take from the queue ("assign to me"): a member of the conversation's group, or a manager. */
export async function requireCanTake(db: Queryable, actor: Actor | null | undefined, conversationId: number) {
  return requireConversationAccess(db, actor, conversationId);
}

/** Reply, transfer, return to queue, close: the assignee, or a manager. */
export async function requireCanWork(db: Queryable, actor: Actor | null | undefined, conversationId: number) {
  const a = requireActor(actor);
  const conversation = await loadConversation(db, conversationId);
  if (a.role === "manager" || conversation.assigneeId === a.id) return conversation;
  throw new UserError("forbidden", "Only the assigned agent or a manager can do this.");
}

/** What a user may do with a conversation, as the server decides it: screens show these, every action checks again. */
export type ConversationCan = { take: boolean; reply: boolean; transfer: boolean; close: boolean; assign: boolean; reopen: boolean };

/**
 * For a conversation the actor can see (requireConversationAccess): take a queued one;
 * reply, close — the assignee or a manager; transfer — the assignee; assign — a manager.
 */
export function conversationCan(actor: Actor, conversation: { status: Conversation["status"]; assigneeId: number | null }): ConversationCan {
  const manager = actor.role === "manager";
  const open = conversation.status !== "closed";
  const mine = conversation.status === "assigned" && conversation.assigneeId === actor.id;
  return {
    take: conversation.status === "queued" || (conversation.status === "routing" && manager),
    reply: open && (manager || mine),
    transfer: open && mine,
    close: open && (manager || mine),
    assign: open && manager,
    // Whoever may see it (a member of its group, or a manager); the server checks membership again under the lock.
    reopen: conversation.status === "closed",
  };
}

/** Assign a conversation to someone else: managers only. */
export async function requireCanAssign(db: Queryable, actor: Actor | null | undefined, conversationId: number) {
  requireManager(actor);
  return loadConversation(db, conversationId);
}

/**
 * The rule of requireConversationAccess as one SQL predicate over a conversations row
 * aliased `alias`, for reads that list or join conversations (docs/behaviour.md, "People
 * and permissions"): managers every one; an agent those assigned to them and those of
 * their groups that have left the entry menu (docs/behaviour.md, "Entry menu").
 */
export function conversationVisibleSql(actor: Actor, alias = "c"): SQL {
  if (actor.role === "manager") return sql`true`;
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`conversationVisibleSql: bad alias ${alias}`);
  const c = sql.raw(alias);
  return sql`(${c}.assignee_id = ${actor.id} OR (${c}.status <> 'routing' AND EXISTS (
    SELECT 1 FROM group_members vis_gm WHERE vis_gm.group_id = ${c}.group_id AND vis_gm.user_id = ${actor.id})))`;
}

/**
 * Contact history (docs/behaviour.md, "Contact history"): through a conversation the
 * actor may see, the contact's earlier conversations that the actor may see too — the
 * same rule as every other read, so no agent reads another team's conversation (or its
 * private notes) through a shared contact. `otherId` must be an earlier conversation of
 * the same contact that the actor may see; anything else is "not found", so the answer
 * tells nothing about conversations the actor may not see.
 */
export async function requireContactHistoryAccess(db: Queryable, actor: Actor | null | undefined, conversationId: number, otherId: number) {
  const a = requireActor(actor);
  const current = await requireConversationAccess(db, a, conversationId);
  const rows = await db.execute<{ id: number }>(sql`
    SELECT c.id FROM conversations cur
      JOIN conversations c ON c.contact_id = cur.contact_id AND c.id < cur.id
     WHERE cur.id = ${conversationId} AND c.id = ${otherId} AND ${conversationVisibleSql(a, "c")}`);
  if (rows.length === 0) throw new UserError("not_found", "This conversation is not in the contact's history.");
  return current;
}

/**
 * Of `userIds`, the active users who may see the conversation (the rule of
 * requireConversationAccess: managers, its assignee, members of its group). A private
 * note's @mention reaches only them.
 */
export async function usersWhoMaySee(db: Queryable, conversationId: number, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(conversations, eq(conversations.id, conversationId))
    .where(
      and(
        inArray(users.id, userIds),
        eq(users.active, true),
        or(
          eq(users.role, "manager"),
          eq(conversations.assigneeId, users.id),
          exists(
            db
              .select({ one: sql`1` })
              .from(groupMembers)
              .where(and(eq(groupMembers.groupId, conversations.groupId), eq(groupMembers.userId, users.id))),
          ),
        ),
      ),
    );
  return new Set(rows.map((r) => r.id));
}
