// Validation for the manager area. Schemas name their messages by catalog key
// ("groups.invalid.cap"), so that the interface can show each field's message in the
// user's language; the UserError's own message is the English text, for logs and API
// clients.
import type { z } from "zod";
import { UserError } from "@/lib/errors";
import { catalog, type MessageKey } from "@/lib/i18n/messages";
import { translate } from "@/lib/i18n/translate";

const isMessageKey = (value: string): value is MessageKey => value in catalog.en;

/** The refusal of invalid input: English summary, and per field the catalog key of its message. */
export function invalidFields(fields: Record<string, MessageKey>): UserError {
  const summary = Object.entries(fields)
    .map(([field, key]) => (field === "_" ? translate("en", key) : `${field}: ${translate("en", key)}`))
    .join(" ");
  return new UserError("invalid_input", summary, {}, fields);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, MessageKey> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_";
    fields[field] ??= isMessageKey(issue.message) ? issue.message : "groups.invalid.value";
  }
  throw invalidFields(fields);
}
