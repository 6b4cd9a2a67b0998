// PUT /api/v1/canned-replies/:id { groupId, shortcut, body } — replace it (managers); groupId
// must be given (null: global). DELETE — remove it. Each change is audited, as in the app.
import { cannedReplyReplaceBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { deleteCannedReplyAnnounced, updateCannedReplyAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const PUT = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const id = parseId(params.id, "id");
  const body = await readStrictBody(request, cannedReplyReplaceBody);
  return (await updateCannedReplyAnnounced(db, user, { ...body, id })).reply;
});

export const DELETE = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params }) => {
  const id = parseId(params.id, "id");
  await deleteCannedReplyAnnounced(db, user, { id });
  return { deleted: id };
});
