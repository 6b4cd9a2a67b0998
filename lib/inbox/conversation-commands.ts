// What the inbox's server actions do, as plain functions of (db, actor, input): parse,
// authorize through lib/auth/permissions.ts, then call the distribution engine or the
// WhatsApp channel, which authorize again inside their transaction against the locked
// row (a permission checked before may be stale by then). They return what changed; the caller announces it (realtime).
import type { Db } from "@/db/client";
import { requireCanAssign, requireCanTake, requireCanWork, type Actor } from "@/lib/auth/permissions";
import { invalidInput } from "@/lib/auth/validated-action";
import { assignConversation, closeConversation, takeConversation, transferConversation, type DistributionResult } from "@/lib/distribution";
import { UserError } from "@/lib/errors";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { sendReply, type GraphConfig } from "@/lib/whatsapp";
import type { z } from "zod";
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

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** "Assign to me" from the queue: a member of the group, or a manager. */
export async function takeConversationAs(db: Db, actor: Actor, input: ConversationInput): Promise<DistributionResult> {
  const { conversationId } = parse(conversationInput, input);
  await requireCanTake(db, actor, conversationId);
  return takeConversation(db, { agentId: actor.id, conversationId });
}

/** A manager gives a conversation (queued or someone's) to a member of its group. */
export async function assignConversationAs(db: Db, actor: Actor, input: AssignInput): Promise<DistributionResult> {
  const { conversationId, agentId } = parse(assignInput, input);
  await requireCanAssign(db, actor, conversationId);
  return assignConversation(db, { actorId: actor.id, conversationId, agentId, authorize: true });
}

/** The assignee (or a manager) hands the conversation to a member of its group, or back to the queue. */
export async function transferConversationAs(db: Db, actor: Actor, input: TransferInput): Promise<DistributionResult> {
  const { conversationId, to } = parse(transferInput, input);
  await requireCanWork(db, actor, conversationId);
  return transferConversation(db, { actorId: actor.id, conversationId, to, authorize: true });
}

export async function returnToQueueAs(db: Db, actor: Actor, input: ConversationInput): Promise<DistributionResult> {
  const { conversationId } = parse(conversationInput, input);
  return transferConversationAs(db, actor, { conversationId, to: "queue" });
}

export async function closeConversationAs(db: Db, actor: Actor, input: ConversationInput): Promise<DistributionResult> {
  const { conversationId } = parse(conversationInput, input);
  await requireCanWork(db, actor, conversationId);
  return closeConversation(db, { actorId: actor.id, conversationId, authorize: true });
}

type MessageCreated = Extract<RealtimeSignal, { type: "message.created" }>;

/**
 * A reply that WhatsApp refused is still stored (as failed, with the reason) and shown
 * in the thread, so the caller announces it either way and then reports the refusal.
 */
export type ReplyOutcome =
  | { sent: true; messageId: number; signal: MessageCreated }
  | { sent: false; messageId: number; signal: MessageCreated; error: UserError };

/** Reply: the assignee, or a manager; WhatsApp's own rules (24-hour window) are sendReply's. */
export async function replyAs(db: Db, actor: Actor, input: ReplyInput, graph?: GraphConfig): Promise<ReplyOutcome> {
  const { conversationId, body } = parse(replyInput, input);
  const conversation = await requireCanWork(db, actor, conversationId);
  const signalOf = (messageId: number): MessageCreated => ({
    type: "message.created",
    conversationId,
    groupId: conversation.groupId,
    assigneeId: conversation.assigneeId,
    messageId,
    direction: "out",
  });
  try {
    const { messageId } = await sendReply(db, { conversationId, userId: actor.id, body, authorize: true }, graph);
    return { sent: true, messageId, signal: signalOf(messageId) };
  } catch (error) {
    const messageId = error instanceof UserError && error.code === "send_failed" ? Number(error.params.messageId) : NaN;
    if (!Number.isInteger(messageId)) throw error;
    return { sent: false, messageId, signal: signalOf(messageId), error: error as UserError };
  }
}
