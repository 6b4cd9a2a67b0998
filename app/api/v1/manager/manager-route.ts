// The shape of every route under /api/v1/manager: the signed-in user from the database
// (401 without one), the manager role checked on the server (403), then the handler.
// The proxy refuses non-managers too; this check does not rely on it.
import { getDb, type Db } from "@/db/client";
import { requireManager } from "@/lib/auth/permissions";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { toActionError, UserError, type UserErrorCode } from "@/lib/errors";
import { parseDecimalInteger } from "@/lib/text-input";

const STATUS: Partial<Record<UserErrorCode | "internal", number>> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  internal: 500,
};

type Handler<P> = (context: { db: Db; user: SessionUser; params: P; request: Request }) => Promise<unknown>;

export function managerRoute<P = Record<string, never>>(name: string, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      const user = await currentUser();
      if (!user) throw new UserError("unauthenticated", "Please sign in again.");
      requireManager(user);
      const result = await handler({ db: getDb(), user, params: await context.params, request });
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      const failure = toActionError(error, name);
      return Response.json(failure, { status: STATUS[failure.error.code] ?? 422 });
    }
  };
}

/** A positive integer from the URL, or a 404. */
export function idParam(value: string | null | undefined): number {
  const id = typeof value === "string" ? parseDecimalInteger(value) : null;
  if (id === null || id <= 0 || id > 2_147_483_647) throw new UserError("not_found", "Not found.");
  return id;
}
