// GET /api/v1/groups/:id — settings, members, channels. PATCH — change settings (only
// those present), validated by the same command as the settings page.
import { groupSettingsBody, readStrictBody } from "@/lib/api/schemas";
import { readGroupDetails } from "@/lib/groups";
import { parseId } from "@/lib/errors";
import { updateGroupSettingsAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => readGroupDetails(db, user, params.id));

export const PATCH = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const groupId = parseId(params.id, "groupId");
  const body = await readStrictBody(request, groupSettingsBody);
  return updateGroupSettingsAnnounced(db, user, { ...body, groupId });
});
