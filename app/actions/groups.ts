"use server";

// Channel groups, their members and channels (manager only). Each action calls
// lib/groups (which validates — messages are catalog keys the form shows per field —
// and refuses anyone but a manager), then sends the realtime signals.
import { getDb } from "@/db/client";
import { createGroup } from "@/lib/groups";
import type { ChannelActiveInput, ChannelMenuInput, ChannelTokenInput, ChannelWabaInput, CreateGroupInput, MemberCapInput, MemberInput, MoveChannelInput, NewChannelInput, RemoveMemberInput } from "@/lib/groups/schemas";
import type { GroupSettingsInput } from "@/lib/groups/settings-fields";
import {
  addChannelAnnounced,
  addGroupMemberAnnounced,
  groupChanged,
  moveChannelAnnounced,
  removeGroupMemberAnnounced,
  setChannelActiveAnnounced,
  setChannelMenuAnnounced,
  setChannelTokenAnnounced,
  setChannelWabaAnnounced,
  setMemberCapAnnounced,
  updateGroupSettingsAnnounced,
} from "@/lib/realtime/announced-commands";
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

export const setMemberCapAction = serverAction("setMemberCap", (input: MemberCapInput, user) => setMemberCapAnnounced(getDb(), user, input));

export const addChannelAction = serverAction("addChannel", (input: NewChannelInput, user) => addChannelAnnounced(getDb(), user, input));

export const setChannelTokenAction = serverAction("setChannelToken", (input: ChannelTokenInput, user) => setChannelTokenAnnounced(getDb(), user, input));

export const setChannelWabaAction = serverAction("setChannelWaba", (input: ChannelWabaInput, user) => setChannelWabaAnnounced(getDb(), user, input));

export const moveChannelAction = serverAction("moveChannel", (input: MoveChannelInput, user) => moveChannelAnnounced(getDb(), user, input));

export const setChannelActiveAction = serverAction("setChannelActive", (input: ChannelActiveInput, user) => setChannelActiveAnnounced(getDb(), user, input));

export const setChannelMenuAction = serverAction("setChannelMenu", (input: ChannelMenuInput, user) => setChannelMenuAnnounced(getDb(), user, input));

/** The settings panel's "Try these settings": a replay of the group's last days, unsaved (docs/what-if.md). */
export const tryGroupSettings = serverAction("tryGroupSettings", async (input: { groupId: number } & WhatIfInput, user) => {
  const { groupId, ...rest } = input;
  return { answer: await runWhatIf(getDb(), user, groupId, rest) };
});
