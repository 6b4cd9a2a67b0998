// The shape of every route handler: who may call it (checked on the server, from the
// database: 401 without a session or a valid API token, 403 for the wrong role), the
// handler (a lib/ command, which validates and authorizes), and one JSON answer — the
// result, or `{ ok: false, error: { code, message, fields? } }` with the status of its
// code (lib/errors.ts httpStatusOf). A handler may return a Response of its own
// (webhooks speak Meta's protocol).
//
// docs/behaviour.md#public-api: the same routes take the browser's session cookie or `Authorization: Bearer
// <personal API token>` (acting as the token's user, with their current role); every
// signed-in request counts against the per-user (and per-token) rate limit, shared with
// the server actions, and unknown tokens against the address (lib/api/rate-limit.ts); a route
// marked `idempotent` honours `Idempotency-Key` for 24 hours; one marked `created` answers 201.
import { getDb, type Db } from "@/db/client";
import { requireActor, requireManager } from "@/lib/auth/permissions";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { requestHashOf, withIdempotencyKey } from "@/lib/api/idempotency";
import { countUnknownToken, enforceRateLimit, refuseTokenGuesser } from "@/lib/api/rate-limit";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { authenticateApiToken, type TokenUser } from "@/lib/api/tokens";
import { readBodyBytes } from "@/lib/http/read-json";
import { httpStatusOf, toActionError, UserError } from "@/lib/errors";

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
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The signed-in user: by bearer token when the request has one (a bad token is 401, whatever the cookie), else by session. */
async function authenticate(request: Request): Promise<{ user: SessionUser | null; tokenId: number | null }> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    // Unknown tokens are limited per address (lib/api/rate-limit.ts): a guesser is refused before the lookup.
    const address = request.headers.get(CLIENT_ADDRESS_HEADER);
    await refuseTokenGuesser(getDb(), address);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const found: TokenUser | null = match ? await authenticateApiToken(getDb(), match[1]!) : null;
    if (!found) {
      await countUnknownToken(getDb(), address);
      throw new UserError("unauthenticated", "The API token is missing, unknown or revoked.");
    }
    const { tokenId, ...user } = found;
    return { user, tokenId };
  }
  const user = await currentUser();
  // A cookie rides along with requests that other sites make: a change must come from our own pages.
  if (user && !SAFE_METHODS.has(request.method)) refuseCrossSite(request);
  return { user, tokenId: null };
}

function refuseCrossSite(request: Request) {
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new UserError("forbidden", "Requests from another site are refused.");
}

function failureResponse(error: unknown, request: Request): Response {
  const failure = toActionError(error, `${request.method} ${new URL(request.url).pathname}`);
  const retryAfter = failure.error.params?.retryAfterSeconds;
  return Response.json(failure, {
    status: httpStatusOf(failure.error.code),
    headers: { ...NO_STORE, ...(retryAfter !== undefined && { "retry-after": String(retryAfter) }) },
  });
}

export function apiRoute<P = Record<string, never>, A extends Access = Access>(
  access: { role: A; idempotent?: boolean; /** A creation answers 201 (SPEC §10). */ created?: boolean },
  handler: (context: RouteContext<A, P>) => Promise<unknown> | unknown,
) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    try {
      let user: SessionUser | null = null;
      if (access.role !== "public") {
        const found = await authenticate(request);
        user = requireActor(found.user);
        await enforceRateLimit(getDb(), { userId: user.id, tokenId: found.tokenId });
        if (access.role === "manager") requireManager(user);
      }
      const run = async (): Promise<Response> => {
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
        return Response.json(result, { status: access.created ? 201 : 200, headers: NO_STORE });
      };
      const key = request.headers.get("idempotency-key");
      if (!access.idempotent || key === null || user === null) return await run();
      const path = new URL(request.url).pathname;
      // The bytes are read once, bounded (413 past the limit): the handler's readJsonBody gets these same bytes.
      const body = (await readBodyBytes(request)).toString("utf8");
      const answer = await withIdempotencyKey(
        getDb(),
        { userId: user.id, key, requestHash: requestHashOf(request.method, path, body) },
        async () => {
          const response = await run();
          return { status: response.status, body: (await response.json()) as unknown };
        },
      );
      return Response.json(answer.body, { status: answer.status, headers: { ...NO_STORE, ...(answer.replayed && { "idempotent-replayed": "true" }) } });
    } catch (error) {
      return failureResponse(error, request);
    }
  };
}
