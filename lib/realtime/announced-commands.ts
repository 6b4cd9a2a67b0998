// The commands that change what other screens show, each followed by its realtime
// signals: the one sequence that server actions (app/actions) and the public API
// (app/api/v1) both run, so a change made by a program updates every inbox as one made
// in the app does. Validation and authorization stay in the lib/ command itself.
import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { setOwnStatus } from "@/lib/distribution";
import { addGroupMember, removeGroupMember, updateGroupSettings } from "@/lib/groups";
import type { GroupSettingsInput, MemberInput, RemoveMemberInput } from "@/lib/groups/schemas";
import type { AssignInput, ConversationInput, ReplyInput, TransferInput } from "@/lib/inbox/command-schemas";
import {
  assignConversationAs,
  closeConversationAs,
  replyAs,
  returnToQueueAs,
  takeConversationAs,
  transferConversationAs,
} from "@/lib/inbox/conversation-commands";
import { setConversationPriority, type PriorityInput } from "@/lib/service-levels/set-priority";
import { announceChanges } from "./announce";
import { publish } from "./publish";
import { syncUserGroupRooms } from "./socket-control";

type MaybeActor = Actor | null | undefined;

export const groupChanged = (...groupIds: number[]) => publish(...[...new Set(groupIds)].map((groupId) => ({ type: "group.changed" as const, groupId })));

export async function takeAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await takeConversationAs(db, actor, input));
}

export async function assignAnnounced(db: Db, actor: MaybeActor, input: AssignInput) {
  announceChanges(await assignConversationAs(db, actor, input));
}

export async function transferAnnounced(db: Db, actor: MaybeActor, input: TransferInput) {
  announceChanges(await transferConversationAs(db, actor, input));
}

export async function returnToQueueAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await returnToQueueAs(db, actor, input));
}

export async function closeAnnounced(db: Db, actor: MaybeActor, input: ConversationInput) {
  announceChanges(await closeConversationAs(db, actor, input));
}

/** A new priority re-orders the queue and shows on every screen of the conversation. */
export async function setPriorityAnnounced(db: Db, actor: MaybeActor, input: PriorityInput) {
  const result = await setConversationPriority(db, actor, input);
  if (result.changed) {
    publish({
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
  publish(outcome.signal);
  if (!outcome.sent) throw outcome.error;
  return { messageId: outcome.messageId };
}

export async function setOwnStatusAnnounced(db: Db, actor: MaybeActor, status: User["status"]) {
  const result = await setOwnStatus(db, actor, status);
  if (result.changed) publish({ type: "presence.changed", userId: actor!.id, status: result.status, groupIds: result.groupIds });
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
