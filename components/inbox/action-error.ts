// A refused action, in the reader's language: the `error.<code>` catalog entries, with
// the values the server named (e.g. who already took the conversation).
import type { ActionError } from "@/lib/errors";
import { catalog } from "@/lib/i18n/messages";
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
  // A field refused with a message of the catalog says exactly what is wrong.
  if (error.code === "invalid_input") {
    const key = Object.values(error.fields ?? {}).find((value): value is MessageKey => value in catalog.en);
    if (key) return t(key, error.params);
  }
  if (error.code === "send_failed") return t("error.send_failed", { reason: String(error.params?.reason ?? error.message) });
  return t(`error.${error.code}` as MessageKey, error.params);
}
