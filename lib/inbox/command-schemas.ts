// The inputs of the conversation commands (server actions and their tests share them).
import { z } from "zod";
import { CONTROL_MESSAGE_KEY, EMPTY_MESSAGE_KEY, hasControlCharacters, isVisiblyEmpty } from "@/lib/text-input";
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
  // Messages are catalog keys where the inbox shows them (components/inbox/action-error.ts).
  body: z
    .string({ error: "must be text" })
    .max(MAX_TEXT_LENGTH * 4, `A WhatsApp message can have at most ${MAX_TEXT_LENGTH} characters.`)
    .refine((body) => !hasControlCharacters(body, { multiline: true }), CONTROL_MESSAGE_KEY)
    .trim()
    // Zero-width characters alone show nothing: that is an empty message.
    .refine((body) => !isVisiblyEmpty(body), EMPTY_MESSAGE_KEY)
    .refine((body) => [...body].length <= MAX_TEXT_LENGTH, `A WhatsApp message can have at most ${MAX_TEXT_LENGTH} characters.`),
});

export type ConversationInput = z.input<typeof conversationInput>;
export type AssignInput = z.input<typeof assignInput>;
export type TransferInput = z.input<typeof transferInput>;
export type ReplyInput = z.input<typeof replyInput>;
