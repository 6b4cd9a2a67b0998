// Agents join and leave a group, and may have their own cap in it (docs/behaviour.md#policies). A new
// member may be eligible at once, so the queue drains after the change commits.
// Leaving returns the member's open conversations of the group to its queue (each with
// a `requeue` event, reason member_removed) and drains — unless the manager keeps them
// with the agent, who can still work them as assignee.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { channelGroups, groupMembers, users } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { drainGroups, type ConversationChange, type DistributionResult } from "@/lib/distribution";
import { lockGroup } from "@/lib/distribution/locks";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { recordAudit, type AuditChanges, type NamedRef } from "./audit-log";
import { memberCapSchema, memberSchema, removeMemberSchema, type MemberCapInput, type MemberInput, type RemoveMemberInput } from "./schemas";

export type MemberChange = { changed: boolean; member: NamedRef; groupId: number; drained: DistributionResult };

async function lockExistingGroup(tx: Tx, groupId: number) {
  await lockGroup(tx, groupId);
  const [group] = await tx.select({ id: channelGroups.id }).from(channelGroups).where(eq(channelGroups.id, groupId));
  if (!group) throw new UserError("not_found", "This group does not exist.", { groupId });
}

export async function addGroupMember(db: Db, actor: Actor | null | undefined, input: MemberInput): Promise<MemberChange> {
  const manager = requireManager(actor);
  const { groupId, userId } = parseInput(memberSchema, input);
  const result = await db.transaction(async (tx) => {
    await lockExistingGroup(tx, groupId);
    const [agent] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, "agent"), eq(users.active, true)));
    if (!agent) throw invalidFields({ userId: "groups.invalid.unknownAgent" });
    const inserted = await tx.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing().returning({ userId: groupMembers.userId });
    if (inserted.length === 0) return { changed: false, member: agent };
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "group_member",
      entityId: agent.id,
      groupId,
      action: "member.added",
      changes: { member: { from: null, to: agent } },
    });
    return { changed: true, member: agent };
  });
  const drained = result.changed ? await drainGroups(db, [groupId]) : { changes: [] };
  return { ...result, groupId, drained };
}

export async function removeGroupMember(
  db: Db,
  actor: Actor | null | undefined,
  input: RemoveMemberInput,
): Promise<MemberChange & { requeued: ConversationChange[] }> {
  const manager = requireManager(actor);
  const { groupId, userId, conversations } = parseInput(removeMemberSchema, input);
  const result = await db.transaction(async (tx) => {
    await lockExistingGroup(tx, groupId);
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) throw invalidFields({ userId: "groups.invalid.unknownAgent" });
    const removed = await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .returning({ userId: groupMembers.userId });
    if (removed.length === 0) return { changed: false, member: user, requeued: [] };
    const requeued = conversations === "requeue" ? await requeueMemberConversations(tx, groupId, userId, manager.id) : [];
    const kept = conversations === "keep" ? await openConversationsOf(tx, groupId, userId) : 0;
    // Said in the history only when there were conversations to return or keep.
    const fate: AuditChanges = requeued.length > 0 ? { conversations: { from: null, to: requeued.length } } : kept > 0 ? { conversations: { from: null, to: "kept" } } : {};
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "group_member",
      entityId: user.id,
      groupId,
      action: "member.removed",
      changes: { member: { from: user, to: null }, ...fate },
    });
    return { changed: true, member: user, requeued };
  });
  const drained = result.requeued.length > 0 ? await drainGroups(db, [groupId]) : { changes: [] };
  return { ...result, groupId, drained: { changes: [...result.requeued, ...drained.changes] } };
}

/**
 * Under the group lock: the leaving member's open conversations of the group back to
 * its queue, keeping their place in line, one `requeue` event each. Their users row is
 * locked first (their load drops), as every load change does.
 */
async function requeueMemberConversations(tx: Tx, groupId: number, userId: number, actorId: number): Promise<ConversationChange[]> {
  await tx.execute(sql`SELECT 1 FROM users WHERE id = ${userId} FOR NO KEY UPDATE`);
  const rows = await tx.execute<ConversationChange>(sql`
    WITH requeued AS (
      UPDATE conversations c
         SET status = 'queued', assignee_id = NULL, assigned_at = NULL
        FROM channel_groups g
       WHERE g.id = c.group_id AND c.group_id = ${groupId} AND c.assignee_id = ${userId} AND c.status = 'assigned'
      RETURNING c.id, c.group_id, g.strategy
    ), recorded AS (
      INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, reason, created_at)
      SELECT r.id, r.group_id, 'requeue', ${actorId}::int, ${userId}::int,
             jsonb_build_object('strategy', r.strategy, 'policy', 'member_removed', 'note', 'removed from the group'),
             clock_timestamp()
        FROM requeued r
    )
    SELECT r.id AS "conversationId", r.group_id AS "groupId", ${userId}::int AS "from", NULL::int AS "to",
           'queued' AS status, 'requeue' AS kind, ${actorId}::int AS "actorId"
      FROM requeued r ORDER BY r.id`);
  return [...rows];
}

async function openConversationsOf(tx: Tx, groupId: number, userId: number): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM conversations WHERE group_id = ${groupId} AND assignee_id = ${userId} AND status = 'assigned'`);
  return row!.n;
}

/** A member's own cap in the group (null = the group's), audited; the queue drains, as a raised cap may allow. */
export async function setMemberCap(db: Db, actor: Actor | null | undefined, input: MemberCapInput): Promise<MemberChange> {
  const manager = requireManager(actor);
  const { groupId, userId, maxOpen } = parseInput(memberCapSchema, input);
  const result = await db.transaction(async (tx) => {
    await lockExistingGroup(tx, groupId);
    const [row] = await tx
      .select({ id: users.id, name: users.name, maxOpen: groupMembers.maxOpen })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .for("update", { of: groupMembers });
    if (!row) throw invalidFields({ userId: "groups.invalid.unknownAgent" });
    const member = { id: row.id, name: row.name };
    if (row.maxOpen === maxOpen) return { changed: false, member };
    await tx.update(groupMembers).set({ maxOpen }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "group_member",
      entityId: member.id,
      groupId,
      action: "member.cap",
      changes: { member: { from: member, to: member }, maxOpen: { from: row.maxOpen, to: maxOpen } },
    });
    return { changed: true, member };
  });
  const drained = result.changed ? await drainGroups(db, [groupId]) : { changes: [] };
  return { ...result, groupId, drained };
}
