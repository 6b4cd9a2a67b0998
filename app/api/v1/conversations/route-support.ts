// What the inbox's GET routes share: the JSON answer when they refuse (401 without a
// session, 403 when the permissions module says no, 404, 400 for a bad query; 500, logged,
// otherwise), no-store JSON, and the [id] segment.
import { toActionError, UserError, type UserErrorCode } from "@/lib/errors";

const STATUS: Partial<Record<UserErrorCode | "internal", number>> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  internal: 500,
};

export function jsonError(error: unknown, context: string): Response {
  const answer = toActionError(error, context);
  return Response.json(answer, { status: STATUS[answer.error.code] ?? 409, headers: { "cache-control": "no-store" } });
}

export function json(body: unknown): Response {
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}

/** The [id] segment, or a 400. */
export function conversationIdOf(raw: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    throw new UserError("invalid_input", "Not a conversation id.");
  }
  return id;
}
