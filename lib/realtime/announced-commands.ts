// The commands that change what other screens show, each followed by its realtime
// signals: the one sequence that server actions (app/actions) and the public API
// (app/api/v1) both run, so a change made by a program updates every inbox as one made
// in the app does. Validation and authorization stay in the lib/ command itself.
import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { setOwnStatus } from "@/lib/distribution";
import { addChannel, addGroupMember, moveChannel, removeGroupMember, setChannelActive, setChannelMenu, setChannelToken, setChannelWaba, setMemberCap, updateGroupSettings } from "@/lib/groups";
import type { ChannelActiveInput, ChannelMenuInput, ChannelTokenInput, ChannelWabaInput, MemberCapInput, MemberInput, MoveChannelInput, NewChannelInput, RemoveMemberInput } from "@/lib/groups/schemas";
import type { GroupSettingsInput } from "@/lib/groups/settings-fields";
import type { AssignInput, ConversationInput, ReplyInput, TransferInput } from "@/lib/inbox/command-schemas";
import {
  assignConversationAs,
  closeConversationAs,
  reopenConversationAs,
  replyAs,
  returnToQueueAs,
  takeConversationAs,
  transferConversationAs,
} from "@/lib/inbox/conversation-commands";
import { createCannedReply, deleteCannedReply, updateCannedReply, type CannedReplyChange } from "@/lib/canned-replies/canned-replies";
import type { CannedReplyInput, CannedReplyRef, CannedReplyUpdate } from "@/lib/canned-replies/schemas";
import { updateContactAs } from "@/lib/contacts/contact-panel";
import type { UpdateContactInput } from "@/lib/contacts/schemas";
import { createGroup } from "@/lib/groups";
import type { CreateGroupInput } from "@/lib/groups/schemas";
import { markConversationRead, type MarkReadInput } from "@/lib/inbox/unread";
import { sendMediaAs } from "@/lib/media/send-media";
import { addNoteAs } from "@/lib/notes/add-note";
import { markMentionsRead } from "@/lib/notes/mentions";
import type { MarkMentionsInput, NoteInput } from "@/lib/notes/schemas";
import { endAllSessions } from "@/lib/auth/users";
import { requireActor } from "@/lib/auth/permissions";
import { resetPassword, setUserActive, setUserRole, signOutEverywhere } from "@/lib/team";
import type { ResetPasswordInput, UserActiveInput, UserRoleInput, UserSessionsInput } from "@/lib/team/schemas";
import type { GraphConfig } from "@/lib/whatsapp";
import { sendTemplate, type TemplateSendInput } from "@/lib/whatsapp/templates";
import { setConversationPriority, type PriorityInput } from "@/lib/service-levels/set-priority";
import { announce, announceChanges } from "./announce";
import { disconnectUser, syncUserGroupRooms } from "./socket-control";

type MaybeActor = Actor | null | undefined;

export const groupChanged = (...groupIds: number[]) => announce(...[...new Set(groupIds)].map((groupId) => ({ type: "group.changed" as const, groupId })));

export async function takeAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await takeConversationAs(db, actor, input));
}

export async function assignAnnounced(db: Db, actor: MaybeActor, input: AssignInput) {
  announceChanges(await assignConversationAs(db, actor, input));
}

export async function transferAnnounced(db: Db, actor: MaybeActor, input: TransferInput) {
  const { changes, note } = await transferConversationAs(db, actor, input);
  announceChanges({ changes });
  if (note) announce({ type: "message.created", ...note, direction: "internal" });
}

export async function returnToQueueAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await returnToQueueAs(db, actor, input));
}

export async function closeAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await closeConversationAs(db, actor, input));
}

export async function reopenAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await reopenConversationAs(db, actor, input));
}

/** A new priority re-orders the queue and shows on every screen of the conversation. */
export async function setPriorityAnnounced(db: Db, actor: MaybeActor, input: PriorityInput) {
  const result = await setConversationPriority(db, actor, input);
  if (result.changed) {
    announce({
      type: "conversation.changed",
      conversationId: result.conversationId,
      groupId: result.groupId,
      status: result.status,
      assigneeId: result.assigneeId,
      previousAssigneeId: result.assigneeId,
      actorId: actor!.id,
    });
  }
  return result;
}

/** Stores and sends a reply; a refusal by WhatsApp is thrown after the (failed) message is announced. */
export async function replyAnnounced(db: Db, actor: MaybeActor, input: ReplyInput): Promise<{ messageId: number }> {
  const outcome = await replyAs(db, actor, input);
  announce(outcome.signal);
  if (!outcome.sent) throw outcome.error;
  return { messageId: outcome.messageId };
}

export async function setOwnStatusAnnounced(db: Db, actor: MaybeActor, status: User["status"]) {
  const result = await setOwnStatus(db, actor, status);
  if (result.changed) announce({ type: "presence.changed", userId: actor!.id, status: result.status, groupIds: result.groupIds });
  announceChanges(result);
  return { status: result.status };
}

export async function updateGroupSettingsAnnounced(db: Db, actor: MaybeActor, input: GroupSettingsInput) {
  const result = await updateGroupSettings(db, actor, input);
  if (Object.keys(result.changes).length > 0) groupChanged(result.group.id);
  announceChanges(result.drained);
  return { group: result.group, changes: result.changes, assigned: result.drained.changes.length };
}

export async function addGroupMemberAnnounced(db: Db, actor: MaybeActor, input: MemberInput) {
  const result = await addGroupMember(db, actor, input);
  if (result.changed) {
    // Into the group's room first, so that the new member hears what follows.
    await syncUserGroupRooms(result.member.id);
    groupChanged(result.groupId);
  }
  announceChanges(result.drained);
  return { changed: result.changed, member: result.member, assigned: result.drained.changes.length };
}

export async function removeGroupMemberAnnounced(db: Db, actor: MaybeActor, input: RemoveMemberInput) {
  const result = await removeGroupMember(db, actor, input);
  if (result.changed) {
    // The leaving member still hears this one (their queue shrinks), then leaves the room.
    groupChanged(result.groupId);
    announceChanges(result.drained);
    await syncUserGroupRooms(result.member.id);
  }
  return { changed: result.changed, member: result.member, requeued: result.requeued.length };
}

/** A member's own cap: a raised one may let the queue drain to them at once. */
export async function setMemberCapAnnounced(db: Db, actor: MaybeActor, input: MemberCapInput) {
  const result = await setMemberCap(db, actor, input);
  if (result.changed) groupChanged(result.groupId);
  announceChanges(result.drained);
  return { changed: result.changed, member: result.member, assigned: result.drained.changes.length };
}

// A group's numbers: each change shows on the screens of the groups concerned.
export async function addChannelAnnounced(db: Db, actor: MaybeActor, input: NewChannelInput) {
  const { channel } = await addChannel(db, actor, input);
  groupChanged(channel.groupId);
  return { channel };
}

export async function setChannelTokenAnnounced(db: Db, actor: MaybeActor, input: ChannelTokenInput) {
  const { channel } = await setChannelToken(db, actor, input);
  groupChanged(channel.groupId);
  return { channel };
}

export async function setChannelWabaAnnounced(db: Db, actor: MaybeActor, input: ChannelWabaInput) {
  const { channel } = await setChannelWaba(db, actor, input);
  groupChanged(channel.groupId);
  return { channel };
}

export async function moveChannelAnnounced(db: Db, actor: MaybeActor, input: MoveChannelInput) {
  const result = await moveChannel(db, actor, input);
  if (result.changed) groupChanged(result.fromGroupId, result.channel.groupId);
  return { channel: result.channel, changed: result.changed };
}

export async function setChannelActiveAnnounced(db: Db, actor: MaybeActor, input: ChannelActiveInput) {
  const result = await setChannelActive(db, actor, input);
  if (result.changed) groupChanged(result.channel.groupId);
  return { channel: result.channel, changed: result.changed };
}

export async function setChannelMenuAnnounced(db: Db, actor: MaybeActor, input: ChannelMenuInput) {
  const { channel, changed } = await setChannelMenu(db, actor, input);
  if (changed) groupChanged(channel.groupId);
  return { channel, changed };
}

/** Marks a conversation read up to a message: unread drops on every tab of the reader. */
export async function markConversationReadAnnounced(db: Db, actor: MaybeActor, input: MarkReadInput) {
  announce((await markConversationRead(db, actor, input)).signal);
  return {};
}

/** A note, announced to the conversation's viewers, and each delivered mention to the one user mentioned. */
export async function addNoteAnnounced(db: Db, actor: MaybeActor, input: NoteInput) {
  const { signals, ...result } = await addNoteAs(db, actor, input);
  announce(...signals);
  return result;
}

export async function markMentionsReadAnnounced(db: Db, actor: MaybeActor, input: MarkMentionsInput) {
  const { marked, signal } = await markMentionsRead(db, actor, input);
  announce(signal);
  return { marked };
}

export async function updateContactAnnounced(db: Db, actor: MaybeActor, input: UpdateContactInput) {
  const { contact, contactId, groupIds } = await updateContactAs(db, actor, input);
  announce({ type: "contact.changed", contactId, groupIds });
  return { contact };
}

function cannedRepliesChanged({ reply, groupIds }: CannedReplyChange) {
  announce({ type: "canned_replies.changed", groupIds });
  return { reply };
}

export const createCannedReplyAnnounced = async (db: Db, actor: MaybeActor, input: CannedReplyInput) => cannedRepliesChanged(await createCannedReply(db, actor, input));

export const updateCannedReplyAnnounced = async (db: Db, actor: MaybeActor, input: CannedReplyUpdate) => cannedRepliesChanged(await updateCannedReply(db, actor, input));

export const deleteCannedReplyAnnounced = async (db: Db, actor: MaybeActor, input: CannedReplyRef) => cannedRepliesChanged(await deleteCannedReply(db, actor, input));

export async function createGroupAnnounced(db: Db, actor: MaybeActor, input: CreateGroupInput) {
  const result = await createGroup(db, actor, input);
  groupChanged(result.group.id);
  return result;
}

export async function setUserActiveAnnounced(db: Db, actor: MaybeActor, input: UserActiveInput) {
  const result = await setUserActive(db, actor, input);
  if (result.changed) {
    announce({ type: "presence.changed", userId: result.user.id, status: "offline", groupIds: result.groupIds });
    // Deactivating ends every session (session version); reactivating brings none back.
    await disconnectUser(result.user.id, result.user.active ? "signed-out" : "deactivated");
  }
  announceChanges(result);
  return { user: result.user, changed: result.changed, requeued: result.requeued.length };
}

/** A new role ends the person's sessions (the users trigger): their open tabs are told why. */
export async function setUserRoleAnnounced(db: Db, actor: MaybeActor, input: UserRoleInput) {
  const result = await setUserRole(db, actor, input);
  if (result.changed) await disconnectUser(result.user.id, "role-changed");
  return result;
}

/** A new password ends the user's sessions and API tokens (session version): their open tabs go too. */
export async function resetPasswordAnnounced(db: Db, actor: MaybeActor, input: ResetPasswordInput) {
  const result = await resetPassword(db, actor, input);
  await disconnectUser(result.user.id, "password-changed");
  return result;
}

/** A manager ends someone's sessions and API tokens; their open tabs go at once. */
export async function signOutEverywhereAnnounced(db: Db, actor: MaybeActor, input: UserSessionsInput) {
  const result = await signOutEverywhere(db, actor, input);
  await disconnectUser(result.user.id, "signed-out");
  return result;
}

/** "Sign out everywhere" of one's own account: every session and API token of the caller ends, this one included. */
export async function endOwnSessionsAnnounced(actor: MaybeActor) {
  const me = requireActor(actor);
  await endAllSessions(me.id);
  await disconnectUser(me.id, "signed-out");
  return {};
}

/** Sends a photo, document or audio file; a refusal by WhatsApp is thrown after the (failed) message is announced. */
export async function sendMediaAnnounced(db: Db, actor: Actor | null, input: Parameters<typeof sendMediaAs>[2], graph: GraphConfig) {
  const outcome = await sendMediaAs(db, actor, input, graph);
  announce(outcome.signal);
  if (!outcome.sent) throw outcome.error;
  return { messageId: outcome.messageId };
}

/** Sends an approved template; a refusal by WhatsApp is thrown after the (failed) message is announced. */
export async function sendTemplateAnnounced(db: Db, actor: Actor | null, input: TemplateSendInput, graph: GraphConfig) {
  const result = await sendTemplate(db, actor, input, graph);
  announce({ type: "message.created", conversationId: result.conversationId, groupId: result.groupId, assigneeId: result.assigneeId, messageId: result.messageId, direction: "out" });
  if (!result.sent) throw result.error;
  return { messageId: result.messageId };
}
