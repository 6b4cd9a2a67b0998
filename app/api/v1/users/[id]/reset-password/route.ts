// POST /api/v1/users/:id/reset-password { password } (managers) — the Team page's reset: the
// manager chooses the new password (never answered back); it ends the user's sessions and tokens.
import { resetPasswordBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { resetPasswordAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const userId = parseId(params.id, "userId");
  const { password } = await readStrictBody(request, resetPasswordBody);
  return resetPasswordAnnounced(db, user, { userId, password });
});
