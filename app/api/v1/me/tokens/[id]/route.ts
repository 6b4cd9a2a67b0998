// DELETE /api/v1/me/tokens/:id — revoke one of your tokens (any other id is not found); the
// next request with it is 401. It stays listed, revoked.
import { parseId } from "@/lib/errors";
import { revokeApiToken } from "@/lib/api/tokens";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string }, "signed-in">({ role: "signed-in" }, ({ db, user, params }) => revokeApiToken(db, user, { tokenId: parseId(params.id, "tokenId"), userId: user.id }));
