// The people of a group with their status and load (docs/behaviour.md#distribution: open conversations across
// all groups), for the transfer picker; and the groups a viewer may filter by.
import { asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { channelGroups, groupMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { GroupMemberPresence, TransferTargetGroup, VisibleGroup } from "./types";

export async function listGroupMembersWithLoad(db: Queryable, groupId: number): Promise<GroupMemberPresence[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      status: users.status,
      load: users.openConversations,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(sql`${groupMembers.groupId} = ${groupId} AND ${users.active}`)
    // Online first, then paused, then offline; by name within each.
    .orderBy(sql`CASE ${users.status} WHEN 'online' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END`, asc(users.name));
}

/** Every group but the conversation's own, each with its members (transfer to another group). */
export async function listTransferTargetGroups(db: Queryable, exceptGroupId: number): Promise<TransferTargetGroup[]> {
  const groups = await db
    .select({ id: channelGroups.id, name: channelGroups.name })
    .from(channelGroups)
    .where(sql`${channelGroups.id} <> ${exceptGroupId}`)
    .orderBy(asc(channelGroups.name));
  return Promise.all(groups.map(async (g) => ({ ...g, members: await listGroupMembersWithLoad(db, g.id) })));
}

/** Whom a manager may filter All by (everyone, active first); nobody for agents (Mine is theirs, Queue has no assignee). */
export async function listAssigneeChoices(db: Queryable, viewer: Actor): Promise<{ id: number; name: string }[]> {
  if (viewer.role !== "manager") return [];
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(sql`${users.active} DESC`, asc(users.name));
}

/** Every group for managers; an agent's own groups. */
export async function listVisibleGroups(db: Queryable, viewer: Actor): Promise<VisibleGroup[]> {
  const query = db.select({ id: channelGroups.id, name: channelGroups.name }).from(channelGroups);
  if (viewer.role === "manager") return query.orderBy(asc(channelGroups.name));
  return query
    .innerJoin(groupMembers, eq(groupMembers.groupId, channelGroups.id))
    .where(eq(groupMembers.userId, viewer.id))
    .orderBy(asc(channelGroups.name));
}
