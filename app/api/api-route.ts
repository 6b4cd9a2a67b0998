// The shape of every route handler: who may call it (checked on the server, from the
// database: 401 without a session, 403 for the wrong role), the handler (a lib/ command,
// which validates and authorizes), and one JSON answer — the result, or
// `{ ok: false, error }` with the status of its code (lib/errors.ts httpStatusOf).
// A handler may return a Response of its own (webhooks speak Meta's protocol).
import { getDb, type Db } from "@/db/client";
import { requireActor, requireManager } from "@/lib/auth/permissions";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { httpStatusOf, toActionError } from "@/lib/errors";

type Access = "public" | "signed-in" | "manager";
type UserFor<A extends Access> = A extends "public" ? null : SessionUser;

export type RouteContext<A extends Access, P> = {
  db: Db;
  user: UserFor<A>;
  params: P;
  request: Request;
  /** The query string, one value per name. */
  query: Record<string, string>;
};

const NO_STORE = { "cache-control": "no-store" };

export function apiRoute<P = Record<string, never>, A extends Access = Access>(
  access: { role: A },
  handler: (context: RouteContext<A, P>) => Promise<unknown> | unknown,
) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = access.role === "public" ? null : requireActor(await currentUser());
      if (access.role === "manager") requireManager(user);
      const result = await handler({
        // Opened on first use: a handler may answer without the database (or report it unreachable).
        get db() {
          return getDb();
        },
        user: user as UserFor<A>,
        params: ((await context?.params) ?? {}) as P,
        request,
        query: Object.fromEntries(new URL(request.url).searchParams),
      });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: NO_STORE });
    } catch (error) {
      const failure = toActionError(error, `${request.method} ${new URL(request.url).pathname}`);
      return Response.json(failure, { status: httpStatusOf(failure.error.code), headers: NO_STORE });
    }
  };
}
