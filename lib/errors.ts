// Errors a user may read (STYLE habit 7): a stable code the interface translates, the
// English message for logs and API clients, and the values the message names.
export type UserErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "already_taken"
  | "not_queued"
  | "not_member"
  | "not_eligible"
  | "at_cap"
  | "window_closed"
  | "send_failed"
  | "throttled";

export class UserError extends Error {
  constructor(
    public readonly code: UserErrorCode,
    message: string,
    public readonly params: Record<string, string | number> = {},
    /** For invalid input: the message for each field, by field path. */
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: ActionError };

export type ActionError = {
  code: UserErrorCode | "internal";
  message: string;
  params?: Record<string, string | number>;
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
