// GET /api/v1/conversations/:id/contact — the contact side panel (whoever may see the conversation).
// PATCH { displayName?, note? } — edit it as the panel does (only the fields present change;
// "" or null clears one); answers the contact as it now is.
import { contactPatchBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { readContactPanel } from "@/lib/contacts/contact-panel";
import { parseId } from "@/lib/errors";
import { updateContactAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readContactPanel(db, user, params.id));

export const PATCH = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const body = await readStrictBody(request, contactPatchBody);
  return (await updateContactAnnounced(db, user, { conversationId, ...body })).contact;
});
