// PATCH /api/v1/channels/:id { groupId?, wabaId?, menu?, active? } (managers) — the channel
// settings of the groups screen, each through its own command and audited: only the fields
// present change, in that order. Answers the number as it now is, and whether anything changed.
import { channelPatchBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { moveChannelAnnounced, setChannelActiveAnnounced, setChannelMenuAnnounced, setChannelWabaAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const channelId = parseId(params.id, "channelId");
  const { groupId, wabaId, menu, active } = await readStrictBody(request, channelPatchBody);
  const changes = [
    groupId === undefined ? null : await moveChannelAnnounced(db, user, { channelId, groupId }),
    // The account id is always written (and audited), as the groups screen does.
    wabaId === undefined ? null : await setChannelWabaAnnounced(db, user, { channelId, wabaId }).then(({ channel }) => ({ channel, changed: true })),
    menu === undefined ? null : await setChannelMenuAnnounced(db, user, { channelId, menu }),
    active === undefined ? null : await setChannelActiveAnnounced(db, user, { channelId, active }),
  ].filter((change) => change !== null);
  return { channel: changes.at(-1)!.channel, changed: changes.some((change) => change.changed) };
});
