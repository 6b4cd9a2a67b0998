// One list per setting (docs/adding-a-setting.md): every setting of a channel group is a
// column of channel_groups (db/schema.ts) and one entry here. The save's input schema, its
// UPDATE, the audit's diff, the details the manager's screens read, the history's labels
// and the settings form's state are all derived from this list, so a setting added here
// (and to the table) is validated, saved, audited and shown — none of them can forget it.
import { z } from "zod";
import type { ChannelGroup } from "@/db/schema";
import type { MessageKey } from "@/lib/i18n/messages";
import { businessHoursSchema } from "@/lib/routing/business-hours";
import { capSchema, groupNameSchema, idSchema, policyMinutesSchema, positionMessagesSchema, strategySchema, targetMinutesSchema, welcomeMessageSchema } from "./schemas";

const flag = z.boolean({ error: "groups.invalid.value" });

export type SettingSpec = {
  /** What a save may send for it (the server parses the form's draft with this too). */
  input: z.ZodType;
  /** Its name in the group's history. */
  label: MessageKey;
  /** The card of the settings page that edits it. */
  card: "settings" | "hours" | "serviceLevels" | "placeInLine";
  /**
   * How the form holds it while the manager edits: `text` as typed ("" for none), `flag`
   * as a boolean, `value` as stored. Numbers the manager types are `text`: the input
   * schema reads the digits.
   */
  draft: "text" | "flag" | "value";
};

export const GROUP_SETTINGS = {
  name: { input: groupNameSchema, label: "groups.field.name", card: "settings", draft: "text" },
  strategy: { input: strategySchema, label: "groups.field.strategy", card: "settings", draft: "value" },
  onlineOnly: { input: flag, label: "groups.field.onlineOnly", card: "settings", draft: "flag" },
  maxOpenPerAgent: { input: capSchema, label: "groups.field.maxOpenPerAgent", card: "settings", draft: "text" },
  welcomeMessage: { input: welcomeMessageSchema, label: "groups.field.welcomeMessage", card: "settings", draft: "text" },
  // The distribution policies (docs/behaviour.md#policies).
  allowTakeBeyondCap: { input: flag, label: "groups.field.allowTakeBeyondCap", card: "settings", draft: "flag" },
  reassignAwayAfterMinutes: { input: policyMinutesSchema, label: "groups.field.reassignAwayAfterMinutes", card: "settings", draft: "text" },
  reassignNoReplyAfterMinutes: { input: policyMinutesSchema, label: "groups.field.reassignNoReplyAfterMinutes", card: "settings", draft: "text" },
  stickyToLastAgent: { input: flag, label: "groups.field.stickyToLastAgent", card: "settings", draft: "flag" },
  // Business hours (docs/behaviour.md#business-hours): null = always open.
  businessHours: { input: businessHoursSchema.nullable(), label: "groups.field.businessHours", card: "hours", draft: "value" },
  outOfHoursMessage: { input: welcomeMessageSchema, label: "groups.field.outOfHoursMessage", card: "hours", draft: "text" },
  // Service levels (docs/behaviour.md#service-levels): minutes to the first reply and to the close; null = no target.
  firstResponseTargetMinutes: { input: targetMinutesSchema, label: "groups.field.firstResponseTargetMinutes", card: "serviceLevels", draft: "text" },
  resolutionTargetMinutes: { input: targetMinutesSchema, label: "groups.field.resolutionTargetMinutes", card: "serviceLevels", draft: "text" },
  // The customer's place in line (docs/behaviour.md#place-in-line): on/off, the interval (null = only when the position moves),
  // the most messages, and the texts (null = the default of that language).
  tellQueuePosition: { input: flag, label: "groups.field.tellQueuePosition", card: "placeInLine", draft: "flag" },
  queuePositionEveryMinutes: { input: policyMinutesSchema, label: "groups.field.queuePositionEveryMinutes", card: "placeInLine", draft: "text" },
  queuePositionMaxMessages: { input: positionMessagesSchema, label: "groups.field.queuePositionMaxMessages", card: "placeInLine", draft: "text" },
  queuePositionMessagePt: { input: welcomeMessageSchema, label: "groups.field.queuePositionMessagePt", card: "placeInLine", draft: "text" },
  queuePositionMessageEn: { input: welcomeMessageSchema, label: "groups.field.queuePositionMessageEn", card: "placeInLine", draft: "text" },
} as const satisfies { [K in keyof ChannelGroup]?: SettingSpec };

export type SettingsField = keyof typeof GROUP_SETTINGS;
export const SETTINGS_FIELDS = Object.keys(GROUP_SETTINGS) as SettingsField[];

/** A group's settings as the screens and the save's answer carry them, with the version they were read at. */
export type GroupSettings = Pick<ChannelGroup, "id" | "version" | SettingsField>;

/** The version a form saw; a save against an older one is refused (error `conflict`). */
export const settingsVersionSchema = z.number({ error: "groups.invalid.value" }).int("groups.invalid.value").nonnegative("groups.invalid.value");

/** The save's input for a list of settings: the group, optionally the version seen, and only the settings present change. */
export function settingsInputSchema(settings: Record<string, Pick<SettingSpec, "input">>) {
  const fields = Object.fromEntries(Object.entries(settings).map(([field, spec]) => [field, spec.input.optional()]));
  return z.object({ groupId: idSchema, version: settingsVersionSchema.optional(), ...fields });
}

export const groupSettingsSchema = settingsInputSchema(GROUP_SETTINGS) as unknown as z.ZodObject<
  { groupId: typeof idSchema; version: z.ZodOptional<typeof settingsVersionSchema> } & {
    [K in SettingsField]: z.ZodOptional<(typeof GROUP_SETTINGS)[K]["input"]>;
  }
>;
export type GroupSettingsInput = z.input<typeof groupSettingsSchema>;

type DraftValue<K extends SettingsField> = (typeof GROUP_SETTINGS)[K]["draft"] extends "flag"
  ? boolean
  : (typeof GROUP_SETTINGS)[K]["draft"] extends "text"
    ? string
    : ChannelGroup[K];
export type SettingsDraft = { [K in SettingsField]: DraftValue<K> };

/** The form's starting state: each setting of the group as the form holds it. */
export function draftOf(group: Pick<ChannelGroup, SettingsField>, settings: Record<string, SettingSpec> = GROUP_SETTINGS): SettingsDraft {
  const draft: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(settings)) {
    const value = group[field as SettingsField];
    draft[field] = spec.draft === "text" ? (value === null || value === undefined ? "" : String(value)) : value;
  }
  return draft as SettingsDraft;
}

/** What a save of one card sends: only the settings of that card the manager changed. */
export function changedDraft(
  saved: SettingsDraft,
  draft: SettingsDraft,
  card: SettingSpec["card"],
  settings: Record<string, SettingSpec> = GROUP_SETTINGS,
): Partial<SettingsDraft> {
  const changed: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(settings)) {
    if (spec.card !== card) continue;
    const before = saved[field as SettingsField];
    const after = draft[field as SettingsField];
    if (JSON.stringify(before) !== JSON.stringify(after)) changed[field] = after;
  }
  return changed as Partial<SettingsDraft>;
}
