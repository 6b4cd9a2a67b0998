// The input of a private note: the same text rules as a reply (replyBodySchema), and the
// users picked in the @ menu.
import { z } from "zod";
import { replyBodySchema } from "@/lib/whatsapp/send-reply";

export const MAX_MENTIONS = 20;

const conversationId = z.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId");
const userId = z.number({ error: "inbox.invalid.userId" }).int("inbox.invalid.userId").positive("inbox.invalid.userId").max(2_147_483_647, "inbox.invalid.userId");

export const noteInput = z.object({
  conversationId,
  body: replyBodySchema,
  mentions: z.array(userId).max(MAX_MENTIONS, "note.invalid.tooManyMentions").default([]),
});

export const mentionsQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,15}$/, "error.invalidValue")
    .transform(Number)
    .refine((id) => id >= 1 && id <= 2_147_483_647, "error.invalidValue")
    .optional(),
});

export const markMentionsInput = z.object({ conversationId: conversationId.optional() });

export type NoteInput = z.input<typeof noteInput>;
export type MarkMentionsInput = z.input<typeof markMentionsInput>;
