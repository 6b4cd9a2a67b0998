// What the inbox's server actions do, as plain functions of (db, actor, input): parse
// (lib/errors.ts parseInput), authorize through lib/auth/permissions.ts, then call the
// distribution engine or the WhatsApp channel, which authorize again inside their
// transaction against the row they locked (a permission checked before may be stale by
// then). They return what changed; the caller announces it (realtime). Entry points
// (actions, routes, scripts) only adapt.
import type { Db } from "@/db/client";
import { requireActor, requireCanAssign, requireCanTake, requireCanWork, type Actor } from "@/lib/auth/permissions";
import { assignConversation, closeConversation, reopenConversation, takeConversation, transferConversation, type DistributionResult, type TransferResult } from "@/lib/distribution";
import { parseInput, type UserError } from "@/lib/errors";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { sendReply, type GraphConfig } from "@/lib/whatsapp";
import {
  assignInput,
  conversationInput,
  replyInput,
  transferInput,
  type AssignInput,
  type ConversationInput,
  type ReplyInput,
  type TransferInput,
} from "./command-schemas";

type MaybeActor = Actor | null | undefined;

/** "Assign to me" from the queue: a member of the group, or a manager. */
export async function takeConversationAs(db: Db, actor: MaybeActor, input: ConversationInput): Promise<DistributionResult> {
  const me = requireActor(actor);
  const { conversationId } = parseInput(conversationInput, input);
  await requireCanTake(db, me, conversationId);
  return takeConversation(db, { agentId: me.id, conversationId });
}

/** A manager gives a conversation (queued or someone's) to a member of its group. */
export async function assignConversationAs(db: Db, actor: MaybeActor, input: AssignInput): Promise<DistributionResult> {
  const me = requireActor(actor);
  const { conversationId, agentId } = parseInput(assignInput, input);
  await requireCanAssign(db, me, conversationId);
  return assignConversation(db, { actorId: me.id, conversationId, agentId, authorize: true });
}

/** The assignee (or a manager) hands the conversation to a member of its group or another, or to a queue. */
export async function transferConversationAs(db: Db, actor: MaybeActor, input: TransferInput): Promise<TransferResult> {
  const me = requireActor(actor);
  const { conversationId, to, groupId, note } = parseInput(transferInput, input);
  await requireCanWork(db, me, conversationId);
  return transferConversation(db, { actorId: me.id, conversationId, to, groupId, note, authorize: true });
}

export async function returnToQueueAs(db: Db, actor: MaybeActor, input: ConversationInput): Promise<DistributionResult> {
  const { conversationId } = parseInput(conversationInput, input);
  return transferConversationAs(db, actor, { conversationId, to: "queue" });
}

export async function closeConversationAs(db: Db, actor: MaybeActor, input: ConversationInput): Promise<DistributionResult> {
  const me = requireActor(actor);
  const { conversationId } = parseInput(conversationInput, input);
  await requireCanWork(db, me, conversationId);
  return closeConversation(db, { actorId: me.id, conversationId, authorize: true });
}

/** Reopen a closed conversation: it becomes the reopener's (a member of its group, or a manager). */
export async function reopenConversationAs(db: Db, actor: MaybeActor, input: ConversationInput): Promise<DistributionResult> {
  const me = requireActor(actor);
  const { conversationId } = parseInput(conversationInput, input);
  await requireCanTake(db, me, conversationId);
  return reopenConversation(db, { actorId: me.id, conversationId });
}

type MessageCreated = Extract<RealtimeSignal, { type: "message.created" }>;

/**
 * A reply that WhatsApp refused is still stored (as failed, with the reason) and shown
 * in the thread, so the caller announces it either way and then reports the refusal.
 */
export type ReplyOutcome =
  | { sent: true; messageId: number; signal: MessageCreated }
  | { sent: false; messageId: number; signal: MessageCreated; error: UserError };

/** Reply: the assignee, or a manager; WhatsApp's own rules (body, 24-hour window) are sendReply's. */
export async function replyAs(db: Db, actor: MaybeActor, input: ReplyInput, graph?: GraphConfig): Promise<ReplyOutcome> {
  const me = requireActor(actor);
  const { conversationId, body } = parseInput(replyInput, input);
  const conversation = await requireCanWork(db, me, conversationId);
  const result = await sendReply(db, { conversationId, userId: me.id, body, authorize: true }, graph);
  const signal: MessageCreated = {
    type: "message.created",
    conversationId,
    groupId: conversation.groupId,
    assigneeId: conversation.assigneeId,
    messageId: result.messageId,
    direction: "out",
  };
  return { ...result, signal };
}
