// POST /api/v1/groups/:id/channels { displayNumber, phoneNumberId, accessToken? } — add a
// WhatsApp number to the group (managers; 201). The token is stored encrypted, never sent back.
import { newChannelBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { addChannelAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager", created: true }, async ({ db, user, params, request }) => {
  const groupId = parseId(params.id, "groupId");
  const body = await readStrictBody(request, newChannelBody);
  return (await addChannelAnnounced(db, user, { ...body, groupId })).channel;
});
