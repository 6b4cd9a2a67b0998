// What a manager may write into a group and its channels. Messages are catalog keys
// (lib/errors.ts, parseInput).
import { z } from "zod";
import { hasControlCharacters, isVisiblyEmpty, strictNumberFromText, CONTROL_MESSAGE_KEY } from "@/lib/text-input";
import { entryMenuSchema } from "@/lib/routing/entry-menu";
import { MAX_CAP, MAX_NAME_LENGTH, MAX_POLICY_MINUTES, MAX_TARGET_MINUTES, MAX_WELCOME_LENGTH, MIN_POLICY_MINUTES, STRATEGIES } from "./rules";

// Ids may come as text (forms, URLs): decimal digits only.
export const idSchema = z.preprocess(
  strictNumberFromText,
  z.number({ error: "groups.invalid.value" }).int("groups.invalid.value").positive("groups.invalid.value").max(2_147_483_647, "groups.invalid.value"),
);

export const groupNameSchema = z
  .string({ error: "groups.invalid.nameRequired" })
  .max(MAX_NAME_LENGTH * 4, "groups.invalid.nameTooLong")
  .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
  .trim()
  .refine((value) => !isVisiblyEmpty(value), "groups.invalid.nameRequired")
  .pipe(z.string().max(MAX_NAME_LENGTH, "groups.invalid.nameTooLong"))
  // The limit the document states is the one after trimming (×4 only bounds the work before it).
  .meta({ minLength: 1, maxLength: MAX_NAME_LENGTH });

export const strategySchema = z.enum(STRATEGIES, { error: "groups.invalid.strategy" });

/** Empty (or null) means no cap; otherwise a whole number from 1 to MAX_CAP. Forms send the text of the field. */
export const capSchema = z.preprocess(
  (value) => {
    if (value === null || value === undefined) return null;
    // Decimal digits only: "0x10", "0b11" or "1e3" are not a cap.
    if (typeof value === "string") return value.trim() === "" ? null : strictNumberFromText(value);
    return value;
  },
  z
    .number({ error: "groups.invalid.cap" })
    .int("groups.invalid.cap")
    .min(1, "groups.invalid.cap")
    .max(MAX_CAP, "groups.invalid.cap")
    .nullable(),
);

/** Empty (or null) means off; otherwise whole minutes from 1 to 1,440. Forms send the text of the field. */
export const policyMinutesSchema = z.preprocess(
  (value) => {
    if (value === null || value === undefined) return null;
    // Decimal digits only, as for the cap.
    if (typeof value === "string") return value.trim() === "" ? null : strictNumberFromText(value);
    return value;
  },
  z
    .number({ error: "groups.invalid.minutes" })
    .int("groups.invalid.minutes")
    .min(MIN_POLICY_MINUTES, "groups.invalid.minutes")
    .max(MAX_POLICY_MINUTES, "groups.invalid.minutes")
    .nullable(),
);

/** Empty (or null) means no target; otherwise whole minutes from 1 to 30 days (docs/behaviour.md#service-levels). */
export const targetMinutesSchema = z.preprocess(
  (value) => {
    if (value === null || value === undefined) return null;
    if (typeof value === "string") return value.trim() === "" ? null : strictNumberFromText(value);
    return value;
  },
  z
    .number({ error: "groups.invalid.targetMinutes" })
    .int("groups.invalid.targetMinutes")
    .min(1, "groups.invalid.targetMinutes")
    .max(MAX_TARGET_MINUTES, "groups.invalid.targetMinutes")
    .nullable(),
);

/** How many place-in-line messages a conversation may get: whole numbers 1 to 20 (docs/behaviour.md#place-in-line). */
export const positionMessagesSchema = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : strictNumberFromText(value)) : value),
  z.number({ error: "groups.invalid.positionMessages" }).int("groups.invalid.positionMessages").min(1, "groups.invalid.positionMessages").max(20, "groups.invalid.positionMessages"),
);

/** Blank means no welcome message. */
export const welcomeMessageSchema = z
  .string({ error: "groups.invalid.value" })
  .nullable()
  .refine((value) => value === null || !hasControlCharacters(value, { multiline: true }), CONTROL_MESSAGE_KEY)
  .transform((value) => (value === null || isVisiblyEmpty(value) ? null : value.trim()))
  .refine((value) => value === null || value.length <= MAX_WELCOME_LENGTH, "groups.invalid.welcomeTooLong");

export const createGroupSchema = z.object({
  name: groupNameSchema,
  strategy: strategySchema.default("manual"),
});

// A group's settings input is derived from the list of settings (settings-fields.ts).

const agentIdSchema = z
  .number({ error: "groups.invalid.unknownAgent" })
  .int("groups.invalid.unknownAgent")
  .positive("groups.invalid.unknownAgent")
  .max(2_147_483_647, "groups.invalid.unknownAgent");

export const memberSchema = z.object({ groupId: idSchema, userId: agentIdSchema });

/** Leaving a group: the member's open conversations of it go back to the queue, unless kept with them. */
export const removeMemberSchema = memberSchema.extend({
  conversations: z.enum(["requeue", "keep"], { error: "groups.invalid.value" }).default("requeue"),
});

/** A member's own cap in the group (empty = the group's). */
export const memberCapSchema = memberSchema.extend({ maxOpen: capSchema });

const accessTokenSchema = z
  .string({ error: "groups.invalid.accessToken" })
  .trim()
  .min(8, "groups.invalid.accessToken")
  .max(2048, "groups.invalid.accessToken")
  .regex(/^\S+$/, "groups.invalid.accessToken");

export const newChannelSchema = z.object({
  groupId: idSchema,
  displayNumber: z
    .string({ error: "groups.invalid.displayNumber" })
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{6,22}[0-9]$/, "groups.invalid.displayNumber"),
  phoneNumberId: z
    .string({ error: "groups.invalid.phoneNumberId" })
    .trim()
    .regex(/^[0-9]{6,30}$/, "groups.invalid.phoneNumberId"),
  // Optional when adding: a number can be added first and given its token later.
  accessToken: z
    .string()
    .nullish()
    .transform((value) => (value?.trim() ? value.trim() : null))
    .pipe(accessTokenSchema.nullable()),
});

export const channelTokenSchema = z.object({ channelId: idSchema, accessToken: accessTokenSchema });
/** The channel's WhatsApp Business Account id (its templates); empty clears it. */
export const channelWabaSchema = z.object({
  channelId: idSchema,
  wabaId: z
    .string({ error: "template.invalid.wabaId" })
    .trim()
    .regex(/^(\d{5,20})?$/, "template.invalid.wabaId")
    .transform((value) => value || null),
});
export type ChannelWabaInput = z.input<typeof channelWabaSchema>;
export const moveChannelSchema = z.object({ channelId: idSchema, groupId: idSchema });
export const channelActiveSchema = z.object({ channelId: idSchema, active: z.boolean({ error: "groups.invalid.value" }) });
/** The entry menu of a number (docs/behaviour.md#entry-menu); null turns it off. */
export const channelMenuSchema = z.object({ channelId: idSchema, menu: entryMenuSchema.nullable() });

export type RemoveMemberInput = z.input<typeof removeMemberSchema>;
export type MemberCapInput = z.input<typeof memberCapSchema>;
export type CreateGroupInput = z.input<typeof createGroupSchema>;
export type NewChannelInput = z.input<typeof newChannelSchema>;
export type MemberInput = z.input<typeof memberSchema>;
export type ChannelTokenInput = z.input<typeof channelTokenSchema>;
export type MoveChannelInput = z.input<typeof moveChannelSchema>;
export type ChannelActiveInput = z.input<typeof channelActiveSchema>;
export type ChannelMenuInput = z.input<typeof channelMenuSchema>;
