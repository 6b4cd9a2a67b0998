"use server";

// The inbox's actions (docs/behaviour.md#people-and-permissions, #the-inbox): take, assign, transfer, return to queue, close,
// reply. Each runs its command (lib/inbox/conversation-commands.ts validates and
// authorizes) and announces what changed to every tab concerned.
import { getDb } from "@/db/client";
import type { AssignInput, ConversationInput, ReplyInput, TransferInput } from "@/lib/inbox/command-schemas";
import {
  assignAnnounced,
  closeAnnounced,
  reopenAnnounced,
  markConversationReadAnnounced,
  replyAnnounced,
  returnToQueueAnnounced,
  setPriorityAnnounced,
  takeAnnounced,
  transferAnnounced,
} from "@/lib/realtime/announced-commands";
import type { MarkReadInput } from "@/lib/inbox/unread";
import type { PriorityInput } from "@/lib/service-levels/set-priority";
import { serverAction } from "./server-action";

export const takeConversation = serverAction("takeConversation", async (input: ConversationInput, user) => {
  await takeAnnounced(getDb(), user, input);
  return {};
});

export const assignConversation = serverAction("assignConversation", async (input: AssignInput, user) => {
  await assignAnnounced(getDb(), user, input);
  return {};
});

export const transferConversation = serverAction("transferConversation", async (input: TransferInput, user) => {
  await transferAnnounced(getDb(), user, input);
  return {};
});

export const returnToQueue = serverAction("returnToQueue", async (input: ConversationInput, user) => {
  await returnToQueueAnnounced(getDb(), user, input);
  return {};
});

export const closeConversation = serverAction("closeConversation", async (input: ConversationInput, user) => {
  await closeAnnounced(getDb(), user, input);
  return {};
});

export const reopenConversation = serverAction("reopenConversation", async (input: ConversationInput, user) => {
  await reopenAnnounced(getDb(), user, input);
  return {};
});

export const replyToConversation = serverAction("replyToConversation", (input: ReplyInput, user) => replyAnnounced(getDb(), user, input));

/** The conversation was open and visible up to this message: unread drops on every tab of mine. */
export const markConversationRead = serverAction("markConversationRead", (input: MarkReadInput, user) => markConversationReadAnnounced(getDb(), user, input));

/** Urgent, high, normal or low (docs/behaviour.md#service-levels). */
export const setConversationPriority = serverAction("setConversationPriority", async (input: PriorityInput, user) => {
  await setPriorityAnnounced(getDb(), user, input);
  return {};
});
