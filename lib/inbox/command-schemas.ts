// The inputs of the conversation commands. Messages are catalog keys (lib/errors.ts,
// parseInput); the reply's body rules are WhatsApp's, defined once by sendReply.
import { z } from "zod";
import { replyBodySchema } from "@/lib/whatsapp/send-reply";

const conversationId = z.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId");
export const agentId = z.number({ error: "inbox.invalid.userId" }).int("inbox.invalid.userId").positive("inbox.invalid.userId").max(2_147_483_647, "inbox.invalid.userId");

export const conversationInput = z.object({ conversationId });

export const assignInput = z.object({ conversationId, agentId });

export const transferInput = z.object({
  conversationId,
  to: z.union([z.object({ agentId }), z.literal("queue")], { error: "inbox.invalid.target" }),
});

export const replyInput = z.object({ conversationId, body: replyBodySchema });

export type ConversationInput = z.input<typeof conversationInput>;
export type AssignInput = z.input<typeof assignInput>;
export type TransferInput = z.input<typeof transferInput>;
export type ReplyInput = z.input<typeof replyInput>;
