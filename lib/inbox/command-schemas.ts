// The inputs of the conversation commands (server actions and their tests share them).
import { z } from "zod";
import { MAX_TEXT_LENGTH } from "@/lib/whatsapp/send-reply";

const conversationId = z.number({ error: "must be a conversation id" }).int().positive();
const agentId = z.number({ error: "must be a user id" }).int().positive();

export const conversationInput = z.object({ conversationId });

export const assignInput = z.object({ conversationId, agentId });

export const transferInput = z.object({
  conversationId,
  to: z.union([z.object({ agentId }), z.literal("queue")], { error: "must be a member of the group or the queue" }),
});

export const replyInput = z.object({
  conversationId,
  body: z
    .string({ error: "must be text" })
    .trim()
    .min(1, "Type a message before sending.")
    .refine((body) => [...body].length <= MAX_TEXT_LENGTH, `A WhatsApp message can have at most ${MAX_TEXT_LENGTH} characters.`),
});

export type ConversationInput = z.input<typeof conversationInput>;
export type AssignInput = z.input<typeof assignInput>;
export type TransferInput = z.input<typeof transferInput>;
export type ReplyInput = z.input<typeof replyInput>;
