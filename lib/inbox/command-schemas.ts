// The inputs of the conversation commands. Messages are catalog keys (lib/errors.ts,
// parseInput); the reply's body rules are WhatsApp's, defined once by sendReply.
import { z } from "zod";
import { replyBodySchema } from "@/lib/whatsapp/send-reply";

const conversationId = z.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId");
export const agentId = z.number({ error: "inbox.invalid.userId" }).int("inbox.invalid.userId").positive("inbox.invalid.userId").max(2_147_483_647, "inbox.invalid.userId");

export const conversationInput = z.object({ conversationId });

export const assignInput = z.object({ conversationId, agentId });

export const groupId = z.number({ error: "inbox.invalid.groupId" }).int("inbox.invalid.groupId").positive("inbox.invalid.groupId").max(2_147_483_647, "inbox.invalid.groupId");

/**
 * To a member or the queue of the conversation's group, or — with `groupId` — of another
 * group (docs/behaviour.md#transfer-to-another-group); `note` goes in the thread as a private note.
 */
export const transferInput = z.object({
  conversationId,
  to: z.union([z.object({ agentId }), z.literal("queue")], { error: "inbox.invalid.target" }),
  groupId: groupId.optional(),
  note: replyBodySchema.optional(),
});

export const replyInput = z.object({ conversationId, body: replyBodySchema });

export type ConversationInput = z.input<typeof conversationInput>;
export type AssignInput = z.input<typeof assignInput>;
export type TransferInput = z.input<typeof transferInput>;
export type ReplyInput = z.input<typeof replyInput>;
