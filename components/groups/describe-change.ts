// One audited change as a line a manager reads: "Strategy: Manual → Balanced".
import { STRATEGIES } from "@/lib/groups/rules";
import { GROUP_SETTINGS } from "@/lib/groups/settings-fields";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";

const FIELD_LABELS: Record<string, MessageKey> = {
  // A group's settings are named by their list; the rest are members' and numbers' fields.
  ...Object.fromEntries(Object.entries(GROUP_SETTINGS).map(([field, spec]) => [field, spec.label])),
  active: "groups.field.active",
  displayNumber: "groups.field.displayNumber",
  phoneNumberId: "groups.field.phoneNumberId",
  accessToken: "groups.field.accessToken",
  group: "groups.field.group",
  maxOpen: "groups.field.maxOpen",
  conversations: "groups.field.conversations",
  menu: "groups.field.menu",
  // A canned reply's fields (its entries in the group's history).
  shortcut: "canned.shortcut",
  body: "canned.body",
};

const OFF_WHEN_EMPTY = new Set(["reassignAwayAfterMinutes", "reassignNoReplyAfterMinutes", "firstResponseTargetMinutes", "resolutionTargetMinutes", "queuePositionEveryMinutes"]);

const STRATEGY_VALUES = new Set<string>(STRATEGIES);

function describeValue(t: Translate, field: string, value: unknown): string {
  if (field === "conversations") return value === "kept" ? t("groups.value.kept") : t("groups.value.requeued", { count: Number(value) });
  if (value === null || value === undefined) {
    if (field === "businessHours") return t("groups.value.alwaysOpen");
    if (OFF_WHEN_EMPTY.has(field) || field === "menu") return t("groups.value.off");
    if (field === "maxOpen") return t("groups.value.groupCap");
    return t(field === "maxOpenPerAgent" ? "groups.value.noCap" : "groups.value.none");
  }
  if (typeof value === "boolean") return t(value ? "groups.value.on" : "groups.value.off");
  if (field === "strategy" && typeof value === "string" && STRATEGY_VALUES.has(value)) return t(`groups.strategy.${value as "manual"}`);
  if (field === "accessToken") return t("groups.value.set");
  if (field === "businessHours") {
    const hours = value as { timeZone: string; intervals: unknown[] };
    return t("routing.hours.summary", { timeZone: hours.timeZone, count: hours.intervals.length });
  }
  if (field === "menu") return `“${(value as { question: string }).question.slice(0, 57)}”`;
  if (typeof value === "object" && "name" in value) return String((value as { name: unknown }).name);
  const text = String(value);
  return text.length > 60 ? `“${text.slice(0, 57)}…”` : field === "welcomeMessage" ? `“${text}”` : text;
}

export type ChangeLine = { field: string; label: string; from: string; to: string };

export function describeChanges(t: Translate, changes: Record<string, { from: unknown; to: unknown }>): ChangeLine[] {
  return Object.entries(changes)
    .filter(([field]) => FIELD_LABELS[field])
    .map(([field, { from, to }]) => ({
      field,
      label: t(FIELD_LABELS[field]!),
      from: describeValue(t, field, from),
      to: describeValue(t, field, to),
    }));
}
