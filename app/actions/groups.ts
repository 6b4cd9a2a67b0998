"use server";

// Channel groups, their members and channels (manager only). Each action parses with
// the domain's own schema (its messages are catalog keys the form shows per field),
// authorizes, calls lib/groups (which checks both again for its other callers), and
// then sends the realtime signals.
import { getDb } from "@/db/client";
import { requireManager } from "@/lib/auth/permissions";
import { validatedAction } from "@/lib/auth/validated-action";
import {
  addChannel,
  addGroupMember,
  createGroup,
  moveChannel,
  removeGroupMember,
  setChannelActive,
  setMemberCap,
  setChannelToken,
  updateGroupSettings,
} from "@/lib/groups";
import {
  channelActiveSchema,
  channelTokenSchema,
  createGroupSchema,
  groupSettingsSchema,
  memberCapSchema,
  memberSchema,
  moveChannelSchema,
  removeMemberSchema,
  newChannelSchema,
} from "@/lib/groups/schemas";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";
import { syncUserGroupRooms } from "@/lib/realtime/socket-control";

const groupChanged = (...groupIds: number[]) => publish(...[...new Set(groupIds)].map((groupId) => ({ type: "group.changed" as const, groupId })));

export const createGroupAction = validatedAction("createGroup", createGroupSchema, async (input, user) => {
  requireManager(user);
  const { group } = await createGroup(getDb(), user, input);
  groupChanged(group.id);
  return { group };
});

export const saveGroupSettings = validatedAction("saveGroupSettings", groupSettingsSchema, async (input, user) => {
  requireManager(user);
  const result = await updateGroupSettings(getDb(), user, input);
  if (Object.keys(result.changes).length > 0) groupChanged(result.group.id);
  announceChanges(result.drained);
  return { group: result.group, changes: result.changes, assigned: result.drained.changes.length };
});

export const addGroupMemberAction = validatedAction("addGroupMember", memberSchema, async (input, user) => {
  requireManager(user);
  const result = await addGroupMember(getDb(), user, input);
  if (result.changed) {
    // Into the group's room first, so that the new member hears what follows.
    await syncUserGroupRooms(result.member.id);
    groupChanged(result.groupId);
  }
  announceChanges(result.drained);
  return { changed: result.changed, member: result.member, assigned: result.drained.changes.length };
});

export const removeGroupMemberAction = validatedAction("removeGroupMember", removeMemberSchema, async (input, user) => {
  requireManager(user);
  const result = await removeGroupMember(getDb(), user, input);
  if (result.changed) {
    // The leaving member still hears this one (their queue shrinks), then leaves the room.
    groupChanged(result.groupId);
    announceChanges(result.drained);
    await syncUserGroupRooms(result.member.id);
  }
  return { changed: result.changed, member: result.member, requeued: result.requeued.length };
});

export const setMemberCapAction = validatedAction("setMemberCap", memberCapSchema, async (input, user) => {
  requireManager(user);
  const result = await setMemberCap(getDb(), user, input);
  if (result.changed) groupChanged(result.groupId);
  announceChanges(result.drained);
  return { changed: result.changed, member: result.member, assigned: result.drained.changes.length };
});

export const addChannelAction = validatedAction("addChannel", newChannelSchema, async (input, user) => {
  requireManager(user);
  const { channel } = await addChannel(getDb(), user, input);
  groupChanged(channel.groupId);
  return { channel };
});

export const setChannelTokenAction = validatedAction("setChannelToken", channelTokenSchema, async (input, user) => {
  requireManager(user);
  const { channel } = await setChannelToken(getDb(), user, input);
  groupChanged(channel.groupId);
  return { channel };
});

export const moveChannelAction = validatedAction("moveChannel", moveChannelSchema, async (input, user) => {
  requireManager(user);
  const result = await moveChannel(getDb(), user, input);
  if (result.changed) groupChanged(result.fromGroupId, result.channel.groupId);
  return { channel: result.channel, changed: result.changed };
});

export const setChannelActiveAction = validatedAction("setChannelActive", channelActiveSchema, async (input, user) => {
  requireManager(user);
  const result = await setChannelActive(getDb(), user, input);
  if (result.changed) groupChanged(result.channel.groupId);
  return { channel: result.channel, changed: result.changed };
});
