// The shape of every server action: find the signed-in user (unauthenticated without
// one), count the request against the user's rate limit (the API's), run a lib/ command — which validates its input and authorizes — then signal,
// and answer `{ ok: true, … } | { ok: false, error }`. Nothing else belongs in an action.
import { getDb } from "@/db/client";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { requireActor } from "@/lib/auth/permissions";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/errors";

export function serverAction<I, R extends object>(
  name: string,
  run: (input: I, user: SessionUser) => Promise<R>,
): (input: I) => Promise<ActionResult<R>> {
  return async (input) => {
    try {
      const user = requireActor(await currentUser());
      // The API's limiter, per user: an action is one more request of theirs (issue 25 item 5).
      await enforceRateLimit(getDb(), { userId: user.id });
      return { ok: true, ...(await run(input, user)) } as ActionResult<R>;
    } catch (error) {
      return toActionError(error, name);
    }
  };
}
