// What a manager may write into a canned reply. Messages are catalog keys (parseInput).
import { z } from "zod";
import { idSchema } from "@/lib/groups/schemas";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, isVisiblyEmpty } from "@/lib/text-input";
import { MAX_TEXT_LENGTH } from "@/lib/whatsapp/send-reply";
import { unknownVariables } from "./variables";

export const MAX_SHORTCUT_LENGTH = 32;

/** Typed after "/" in the reply box: letters, digits, "-" and "_", no spaces; stored lower case. */
export const shortcutSchema = z
  .string({ error: "canned.invalid.shortcut" })
  .trim()
  .transform((value) => value.replace(/^\//, "").toLowerCase())
  .pipe(z.string().regex(new RegExp(`^[\\p{L}\\p{N}_-]{1,${MAX_SHORTCUT_LENGTH}}$`, "u"), "canned.invalid.shortcut"));

/** The text WhatsApp will carry once filled: not empty, no control characters, only known variables. */
export const cannedBodySchema = z
  .string({ error: "canned.invalid.bodyEmpty" })
  .max(MAX_TEXT_LENGTH * 4, "canned.invalid.bodyTooLong")
  .refine((body) => !hasControlCharacters(body, { multiline: true }), CONTROL_MESSAGE_KEY)
  .trim()
  .refine((body) => !isVisiblyEmpty(body), "canned.invalid.bodyEmpty")
  .refine((body) => [...body].length <= MAX_TEXT_LENGTH, "canned.invalid.bodyTooLong")
  .refine((body) => unknownVariables(body).length === 0, "canned.invalid.unknownVariable")
  // The limits the checks above enforce, as the OpenAPI document states them (characters, after trimming).
  .meta({ minLength: 1, maxLength: MAX_TEXT_LENGTH });

/** null: every group (global). Forms send "" for global. */
export const cannedGroupSchema = z.preprocess((value) => (value === "" || value === undefined ? null : value), idSchema.nullable());

export const cannedReplyInput = z.object({ groupId: cannedGroupSchema, shortcut: shortcutSchema, body: cannedBodySchema });
export const cannedReplyUpdate = cannedReplyInput.extend({ id: idSchema });
export const cannedReplyRef = z.object({ id: idSchema });

export type CannedReplyInput = z.input<typeof cannedReplyInput>;
export type CannedReplyUpdate = z.input<typeof cannedReplyUpdate>;
export type CannedReplyRef = z.input<typeof cannedReplyRef>;
