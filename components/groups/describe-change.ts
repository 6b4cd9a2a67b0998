// One audited change as a line a manager reads: "Strategy: Manual → Balanced".
import { STRATEGIES } from "@/lib/groups/rules";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";

const FIELD_LABELS: Record<string, MessageKey> = {
  name: "groups.field.name",
  strategy: "groups.field.strategy",
  onlineOnly: "groups.field.onlineOnly",
  maxOpenPerAgent: "groups.field.maxOpenPerAgent",
  welcomeMessage: "groups.field.welcomeMessage",
  active: "groups.field.active",
  displayNumber: "groups.field.displayNumber",
  phoneNumberId: "groups.field.phoneNumberId",
  accessToken: "groups.field.accessToken",
  group: "groups.field.group",
};

const STRATEGY_VALUES = new Set<string>(STRATEGIES);

function describeValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined) return t(field === "maxOpenPerAgent" ? "groups.value.noCap" : "groups.value.none");
  if (typeof value === "boolean") return t(value ? "groups.value.on" : "groups.value.off");
  if (field === "strategy" && typeof value === "string" && STRATEGY_VALUES.has(value)) return t(`groups.strategy.${value as "manual"}`);
  if (field === "accessToken") return t("groups.value.set");
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
