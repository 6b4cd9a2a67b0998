"use server";

// Channel groups, their members and channels (manager only). Each action calls
// lib/groups (which validates — messages are catalog keys the form shows per field —
// and refuses anyone but a manager), then sends the realtime signals.
import { getDb } from "@/db/client";
import {
  addChannel,
  addGroupMember,
  createGroup,
  moveChannel,
  removeGroupMember,
  setChannelActive,
  setMemberCap,
  setChannelToken,
  setChannelWaba,
  updateGroupSettings,
} from "@/lib/groups";
import type { ChannelActiveInput, ChannelTokenInput, ChannelWabaInput, CreateGroupInput, GroupSettingsInput, MemberCapInput, MemberInput, MoveChannelInput, NewChannelInput, RemoveMemberInput } from "@/lib/groups/schemas";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";
import { syncUserGroupRooms } from "@/lib/realtime/socket-control";
import { serverAction } from "./server-action";

const groupChanged = (...groupIds: number[]) => publish(...[...new Set(groupIds)].map((groupId) => ({ type: "group.changed" as const, groupId })));

export const createGroupAction = serverAction("createGroup", async (input: CreateGroupInput, user) => {
  const { group } = await createGroup(getDb(), user, input);
  groupChanged(group.id);
  return { group };
});

export const saveGroupSettings = serverAction("saveGroupSettings", async (input: GroupSettingsInput, user) => {
  const result = await updateGroupSettings(getDb(), user, input);
  if (Object.keys(result.changes).length > 0) groupChanged(result.group.id);
  announceChanges(result.drained);
  return { group: result.group, changes: result.changes, assigned: result.drained.changes.length };
});

export const addGroupMemberAction = serverAction("addGroupMember", async (input: MemberInput, user) => {
  const result = await addGroupMember(getDb(), user, input);
  if (result.changed) {
    // Into the group's room first, so that the new member hears what follows.
    await syncUserGroupRooms(result.member.id);
    groupChanged(result.groupId);
  }
  announceChanges(result.drained);
  return { changed: result.changed, member: result.member, assigned: result.drained.changes.length };
});

export const removeGroupMemberAction = serverAction("removeGroupMember", async (input: RemoveMemberInput, user) => {
  const result = await removeGroupMember(getDb(), user, input);
  if (result.changed) {
    // The leaving member still hears this one (their queue shrinks), then leaves the room.
    groupChanged(result.groupId);
    announceChanges(result.drained);
    await syncUserGroupRooms(result.member.id);
  }
  return { changed: result.changed, member: result.member, requeued: result.requeued.length };
});

export const setMemberCapAction = serverAction("setMemberCap", async (input: MemberCapInput, user) => {
  const result = await setMemberCap(getDb(), user, input);
  if (result.changed) groupChanged(result.groupId);
  announceChanges(result.drained);
  return { changed: result.changed, member: result.member, assigned: result.drained.changes.length };
});

export const addChannelAction = serverAction("addChannel", async (input: NewChannelInput, user) => {
  const { channel } = await addChannel(getDb(), user, input);
  groupChanged(channel.groupId);
  return { channel };
});

export const setChannelTokenAction = serverAction("setChannelToken", async (input: ChannelTokenInput, user) => {
  const { channel } = await setChannelToken(getDb(), user, input);
  groupChanged(channel.groupId);
  return { channel };
});

export const setChannelWabaAction = serverAction("setChannelWaba", async (input: ChannelWabaInput, user) => {
  const { channel } = await setChannelWaba(getDb(), user, input);
  groupChanged(channel.groupId);
  return { channel };
});

export const moveChannelAction = serverAction("moveChannel", async (input: MoveChannelInput, user) => {
  const result = await moveChannel(getDb(), user, input);
  if (result.changed) groupChanged(result.fromGroupId, result.channel.groupId);
  return { channel: result.channel, changed: result.changed };
});

export const setChannelActiveAction = serverAction("setChannelActive", async (input: ChannelActiveInput, user) => {
  const result = await setChannelActive(getDb(), user, input);
  if (result.changed) groupChanged(result.channel.groupId);
  return { channel: result.channel, changed: result.changed };
});
