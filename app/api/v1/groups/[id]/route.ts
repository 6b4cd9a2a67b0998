// GET /api/v1/groups/:id — settings, members, channels. PATCH — change settings (only
// those present), validated by the same command as the settings page.
import { readGroupDetails } from "@/lib/groups";
import { parseId } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { updateGroupSettingsAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => readGroupDetails(db, user, params.id));

export const PATCH = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const groupId = parseId(params.id, "groupId");
  const body = await readJsonObject(request);
  return updateGroupSettingsAnnounced(db, user, { ...body, groupId });
});
