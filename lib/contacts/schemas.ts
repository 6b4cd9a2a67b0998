// What an agent may write into a contact (the side panel). Messages are catalog keys.
import { z } from "zod";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, isVisiblyEmpty } from "@/lib/text-input";

export const MAX_CONTACT_NAME_LENGTH = 100;
export const MAX_CONTACT_NOTE_LENGTH = 2000;

const conversationId = z.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId");

/** Empty text clears the field (the WhatsApp profile name shows again). */
const optionalText = (max: number, multiline: boolean, tooLong: string) =>
  z
    .string({ error: "error.invalidValue" })
    .max(max * 4, tooLong)
    .refine((value) => !hasControlCharacters(value, { multiline }), CONTROL_MESSAGE_KEY)
    .trim()
    .refine((value) => [...value].length <= max, tooLong)
    // The limit the checks enforce, as the OpenAPI document states it (characters, after trimming).
    .meta({ maxLength: max })
    .transform((value) => (isVisiblyEmpty(value) ? null : value))
    .nullable()
    .transform((value) => value ?? null);

/** A field left out keeps its value (the API's PATCH); the side panel sends both. */
export const updateContactInput = z.object({
  conversationId,
  displayName: optionalText(MAX_CONTACT_NAME_LENGTH, false, "contact.invalid.nameTooLong").optional(),
  note: optionalText(MAX_CONTACT_NOTE_LENGTH, true, "contact.invalid.noteTooLong").optional(),
});

export type UpdateContactInput = z.input<typeof updateContactInput>;

/** The history's keyset cursor: the id of the last conversation shown (older ones have smaller ids). */
export const historyQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,10}$/, "error.invalidValue")
    .transform(Number)
    .refine((id) => id >= 1 && id <= 2_147_483_647, "error.invalidValue")
    .optional(),
});
