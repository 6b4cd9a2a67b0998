// PATCH /api/v1/users/:id { role } — make someone an agent or a manager (managers): the
// same command as the Team page; their sessions and API tokens end, as in the app.
import { userPatchBody } from "@/lib/api/schemas";
import { parseId, parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { disconnectUser } from "@/lib/realtime/socket-control";
import { setUserRole } from "@/lib/team";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const userId = parseId(params.id, "userId");
  const { role } = parseInput(userPatchBody, await readJsonObject(request));
  const result = await setUserRole(db, user, { userId, role });
  if (result.changed) await disconnectUser(result.user.id, "role-changed");
  return result;
});
