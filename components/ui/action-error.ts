// A refused action or read, in the reader's language: the `error.<code>` catalog entry
// with the values the server named (e.g. who already took the conversation), and each
// field's message (the server sends catalog keys).
import type { ActionError } from "@/lib/errors";
import { catalog, type MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";

const isMessageKey = (value: string): value is MessageKey => value in catalog.en;

export type DescribedError = { message: string; fields: Record<string, string> };

export function describeActionError(error: ActionError | null | undefined, t: Translate): DescribedError {
  const fields: Record<string, string> = {};
  for (const [field, message] of Object.entries(error?.fields ?? {})) fields[field] = isMessageKey(message) ? t(message) : message;
  if (!error || error.code === "internal") return { message: t("error.generic"), fields };
  if (error.code === "send_failed") {
    // Meta's code, when known, explains itself in the reader's language; else WhatsApp's own words.
    const explained = `whatsapp.error.${String(error.params?.metaCode)}`;
    if (isMessageKey(explained)) return { message: t(explained), fields };
    return { message: t("error.send_failed", { reason: String(error.params?.reason ?? error.message) }), fields };
  }
  const key = `error.${error.code}`;
  return { message: isMessageKey(key) ? t(key, error.params) : t("error.generic"), fields };
}

/** One line for a toast or a panel: the first field's message, else the overall one. */
export function refusalLine(error: ActionError | null | undefined, t: Translate): string {
  const described = describeActionError(error, t);
  return Object.values(described.fields)[0] ?? described.message;
}
