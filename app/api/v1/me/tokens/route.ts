// GET /api/v1/me/tokens — your API tokens (never the tokens themselves), newest first, revoked
// ones included. POST { name, password } — a new one (201), shown once; your password again.
import { newTokenBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { createApiToken, listApiTokens } from "@/lib/api/tokens";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user }) => listApiTokens(db, user));

export const POST = apiRoute({ role: "signed-in", created: true }, async ({ db, user, request }) => createApiToken(db, user, await readStrictBody(request, newTokenBody)));
