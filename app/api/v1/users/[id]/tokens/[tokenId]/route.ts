// DELETE /api/v1/users/:id/tokens/:tokenId — revoke a person's token (managers); a token of
// anyone else is not found.
import { parseId } from "@/lib/errors";
import { revokeApiToken } from "@/lib/api/tokens";
import { apiRoute } from "../../../../../api-route";

export const dynamic = "force-dynamic";

type Params = { id: string; tokenId: string };

export const DELETE = apiRoute<Params>({ role: "manager" }, ({ db, user, params }) =>
  revokeApiToken(db, user, { userId: parseId(params.id, "userId"), tokenId: parseId(params.tokenId, "tokenId") }),
);
