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
  | "window_closed"
  | "send_failed"
  | "throttled";

export class UserError extends Error {
  constructor(
    public readonly code: UserErrorCode,
    message: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "UserError";
  }
}

export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: UserErrorCode | "internal"; message: string; params?: Record<string, string | number> } };

/** Turns a thrown error into the `{ ok: false }` answer: UserError as is, anything else logged and generic. */
export function toActionError(error: unknown, context: string): Extract<ActionResult, { ok: false }> {
  if (error instanceof UserError) {
    return { ok: false, error: { code: error.code, message: error.message, params: error.params } };
  }
  console.error(`[fila] ${context} failed:`, error);
  return { ok: false, error: { code: "internal", message: "Something went wrong. Please try again." } };
}
