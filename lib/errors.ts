// Errors a user may read (STYLE habit 7): a stable code the interface translates, the
// English message for logs and API clients, and the values the message names. This file
// owns the codes, their HTTP status, and the one way input is validated (`parseInput`):
// the lib/ commands call it, so every entry point (action, route, socket, script)
// refuses bad input the same way.
import type { z } from "zod";
import { catalog, type MessageKey } from "@/lib/i18n/messages";
import { translate } from "@/lib/i18n/translate";

export const USER_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_input",
  "conflict",
  "already_taken",
  "not_queued",
  "already_open",
  "not_member",
  "not_eligible",
  "at_cap",
  "window_closed",
  "send_failed",
  "throttled",
  "busy",
  "unprocessable",
  "too_large",
  "not_configured",
  "method_not_allowed",
] as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[number];
export type ErrorCode = UserErrorCode | "internal";

const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  already_taken: 409,
  not_queued: 409,
  already_open: 409,
  not_member: 409,
  not_eligible: 409,
  at_cap: 409,
  window_closed: 409,
  send_failed: 502,
  throttled: 429,
  busy: 429,
  unprocessable: 422,
  too_large: 413,
  not_configured: 409,
  method_not_allowed: 405,
  internal: 500,
};

/** The HTTP status of an error code, for every route handler. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

export function isUserErrorCode(code: string): code is UserErrorCode {
  return (USER_ERROR_CODES as readonly string[]).includes(code);
}

export class UserError extends Error {
  constructor(
    public readonly code: UserErrorCode,
    message: string,
    public readonly params: Record<string, string | number> = {},
    /** For invalid input: the catalog key of each field's message, by field path. */
    public readonly fields?: Record<string, MessageKey>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: ActionError };

export type ActionError = {
  code: ErrorCode;
  message: string;
  params?: Record<string, string | number>;
  /** Catalog keys, by field path. */
  fields?: Record<string, string>;
};

/** Turns a thrown error into the `{ ok: false }` answer: UserError as is, anything else logged and generic. */
export function toActionError(error: unknown, context: string): Extract<ActionResult, { ok: false }> {
  if (error instanceof UserError) {
    return { ok: false, error: { code: error.code, message: error.message, params: error.params, fields: error.fields } };
  }
  console.error(`[fila] ${context} failed:`, error);
  return { ok: false, error: { code: "internal", message: "Something went wrong. Please try again." } };
}

const isMessageKey = (value: string): value is MessageKey => value in catalog.en;

/** The refusal of invalid input: an English sentence for logs and API clients, and per field the catalog key of its message. */
export function invalidFields(fields: Record<string, MessageKey>): UserError {
  const summary = Object.entries(fields)
    .map(([field, key]) => (field === "_" ? translate("en", key) : `${field}: ${translate("en", key)}`))
    .join(" ");
  return new UserError("invalid_input", summary, {}, fields);
}

/**
 * Validates input with a zod schema whose messages are catalog keys ("groups.invalid.cap");
 * a message that is not a key becomes "error.invalidValue".
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, MessageKey> = {};
  for (const issue of parsed.error.issues) {
    // A strict object names each field it does not know (a misspelt `private` must not pass unnoticed).
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] ??= "error.unknownField";
      continue;
    }
    const field = issue.path.join(".") || "_";
    fields[field] ??= isMessageKey(issue.message) ? issue.message : "error.invalidValue";
  }
  throw invalidFields(fields);
}

/** A positive whole number from a URL segment or a client, or invalid input. */
export function parseId(value: unknown, field = "id"): number {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    throw invalidFields({ [field]: "error.invalidValue" });
  }
  return id;
}
