"use server";

// Channel groups, their members and channels (manager only). Each action calls
// lib/groups (which validates — messages are catalog keys the form shows per field —
// and refuses anyone but a manager), then sends the realtime signals.
import { getDb } from "@/db/client";
import { addChannel, createGroup, moveChannel, setChannelActive, setChannelMenu, setMemberCap, setChannelToken, setChannelWaba } from "@/lib/groups";
import type { ChannelActiveInput, ChannelMenuInput, ChannelTokenInput, ChannelWabaInput, CreateGroupInput, MemberCapInput, MemberInput, MoveChannelInput, NewChannelInput, RemoveMemberInput } from "@/lib/groups/schemas";
import type { GroupSettingsInput } from "@/lib/groups/settings-fields";
import { announceChanges } from "@/lib/realtime/announce";
import { addGroupMemberAnnounced, groupChanged, removeGroupMemberAnnounced, updateGroupSettingsAnnounced } from "@/lib/realtime/announced-commands";
import { runWhatIf, type WhatIfInput } from "@/lib/what-if/run-what-if";
import { serverAction } from "./server-action";

export const createGroupAction = serverAction("createGroup", async (input: CreateGroupInput, user) => {
  const { group } = await createGroup(getDb(), user, input);
  groupChanged(group.id);
  return { group };
});

export const saveGroupSettings = serverAction("saveGroupSettings", (input: GroupSettingsInput, user) => updateGroupSettingsAnnounced(getDb(), user, input));

export const addGroupMemberAction = serverAction("addGroupMember", (input: MemberInput, user) => addGroupMemberAnnounced(getDb(), user, input));

export const removeGroupMemberAction = serverAction("removeGroupMember", (input: RemoveMemberInput, user) => removeGroupMemberAnnounced(getDb(), user, input));

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

export const setChannelMenuAction = serverAction("setChannelMenu", async (input: ChannelMenuInput, user) => {
  const { channel, changed } = await setChannelMenu(getDb(), user, input);
  if (changed) groupChanged(channel.groupId);
  return { channel, changed };
});

/** The settings panel's "Try these settings": a replay of the group's last days, unsaved (docs/what-if.md). */
export const tryGroupSettings = serverAction("tryGroupSettings", async (input: { groupId: number } & WhatIfInput, user) => {
  const { groupId, ...rest } = input;
  return { answer: await runWhatIf(getDb(), user, groupId, rest) };
});
