// PUT /api/v1/channels/:id/token { accessToken } (managers) — a new access token for the number
// (stored encrypted, never sent back); a token WhatsApp had refused is cleared.
import { channelTokenBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { setChannelTokenAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const PUT = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const channelId = parseId(params.id, "channelId");
  const { accessToken } = await readStrictBody(request, channelTokenBody);
  return (await setChannelTokenAnnounced(db, user, { channelId, accessToken })).channel;
});
