// A refused action, in the reader's language: the `error.<code>` catalog entries, with
// the values the server named (e.g. who already took the conversation).
import type { ActionError } from "@/lib/errors";
import type { MessageKey, Translate } from "@/lib/i18n/translate";

const KNOWN = new Set([
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_input",
  "conflict",
  "already_taken",
  "not_queued",
  "not_member",
  "not_eligible",
  "window_closed",
  "send_failed",
  "throttled",
]);

export function describeActionError(error: ActionError | null | undefined, t: Translate): string {
  if (!error || !KNOWN.has(error.code)) return t("error.generic");
  if (error.code === "send_failed") {
    // Meta's code, when known, explains itself in the reader's language; else WhatsApp's own words.
    const metaCode = error.params?.metaCode;
    if (metaCode !== undefined) return t(`whatsapp.error.${metaCode}` as MessageKey);
    return t("error.send_failed", { reason: String(error.params?.reason ?? error.message) });
  }
  return t(`error.${error.code}` as MessageKey, error.params);
}
