// Agents join and leave a group. A new member may be eligible at once, so the queue
// drains after the change commits. Leaving keeps the conversations the agent holds:
// a manager transfers them if needed (the agent can still work them as assignee).
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { channelGroups, groupMembers, users } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { drainGroups, type DistributionResult } from "@/lib/distribution";
import { lockGroup } from "@/lib/distribution/locks";
import { recordAudit, type NamedRef } from "./audit-log";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { memberSchema, type MemberInput } from "./schemas";

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

export async function removeGroupMember(db: Db, actor: Actor | null | undefined, input: MemberInput): Promise<MemberChange> {
  const manager = requireManager(actor);
  const { groupId, userId } = parseInput(memberSchema, input);
  const result = await db.transaction(async (tx) => {
    await lockExistingGroup(tx, groupId);
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) throw invalidFields({ userId: "groups.invalid.unknownAgent" });
    const removed = await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .returning({ userId: groupMembers.userId });
    if (removed.length === 0) return { changed: false, member: user };
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "group_member",
      entityId: user.id,
      groupId,
      action: "member.removed",
      changes: { member: { from: user, to: null } },
    });
    return { changed: true, member: user };
  });
  return { ...result, groupId, drained: { changes: [] } };
}
