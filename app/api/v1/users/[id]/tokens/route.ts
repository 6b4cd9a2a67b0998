// GET /api/v1/users/:id/tokens — a person's API tokens (managers). POST { name, password } — a
// token for them (201), shown once; the manager's own password again.
import { newTokenBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { createApiToken, listApiTokens } from "@/lib/api/tokens";
import { parseId } from "@/lib/errors";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => listApiTokens(db, user, { userId: parseId(params.id, "userId") }));

export const POST = apiRoute<{ id: string }>({ role: "manager", created: true }, async ({ db, user, params, request }) => {
  const userId = parseId(params.id, "userId");
  return createApiToken(db, user, { ...(await readStrictBody(request, newTokenBody)), userId });
});
