// PATCH /api/v1/users/:id { role?, active? } (managers) — the Team page's role change and
// deactivate / reactivate, through the same commands: a new role ends their sessions and API
// tokens; deactivating ends them too and returns their open conversations to the queue.
// Both at once: the role first. The last active manager can be neither demoted nor deactivated.
import { readStrictBody, userPatchBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { setUserActiveAnnounced, setUserRoleAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const userId = parseId(params.id, "userId");
  const { role, active } = await readStrictBody(request, userPatchBody);
  const roleChange = role === undefined ? null : await setUserRoleAnnounced(db, user, { userId, role });
  const activeChange = active === undefined ? null : await setUserActiveAnnounced(db, user, { userId, active });
  const now = activeChange ?? roleChange!;
  return { user: now.user, changed: Boolean(roleChange?.changed || activeChange?.changed), requeued: activeChange?.requeued ?? 0 };
});
