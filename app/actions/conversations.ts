"use server";

// The inbox's actions (SPEC §1, §4): take, assign, transfer, return to queue, close,
// reply. Each parses its input, runs the command (which authorizes through
// lib/auth/permissions.ts) and announces what changed to every tab concerned.
import { getDb } from "@/db/client";
import { validatedAction } from "@/lib/auth/validated-action";
import { assignInput, conversationInput, replyInput, transferInput } from "@/lib/inbox/command-schemas";
import {
  assignConversationAs,
  closeConversationAs,
  replyAs,
  returnToQueueAs,
  takeConversationAs,
  transferConversationAs,
} from "@/lib/inbox/conversation-commands";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";

export const takeConversation = validatedAction("takeConversation", conversationInput, async (input, user) => {
  announceChanges(await takeConversationAs(getDb(), user, input));
  return {};
});

export const assignConversation = validatedAction("assignConversation", assignInput, async (input, user) => {
  announceChanges(await assignConversationAs(getDb(), user, input));
  return {};
});

export const transferConversation = validatedAction("transferConversation", transferInput, async (input, user) => {
  announceChanges(await transferConversationAs(getDb(), user, input));
  return {};
});

export const returnToQueue = validatedAction("returnToQueue", conversationInput, async (input, user) => {
  announceChanges(await returnToQueueAs(getDb(), user, input));
  return {};
});

export const closeConversation = validatedAction("closeConversation", conversationInput, async (input, user) => {
  announceChanges(await closeConversationAs(getDb(), user, input));
  return {};
});

export const replyToConversation = validatedAction("replyToConversation", replyInput, async (input, user) => {
  const outcome = await replyAs(getDb(), user, input);
  publish(outcome.signal);
  if (!outcome.sent) throw outcome.error;
  return { messageId: outcome.messageId };
});
