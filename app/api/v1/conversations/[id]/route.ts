// GET /api/v1/conversations/:id — the conversation view's header: contact, group,
// assignee, status, timestamps, the 24-hour window, priority and service level.
// PATCH { priority } — docs/behaviour.md#service-levels; answers the conversation as it now is.
import { conversationPatchBody } from "@/lib/api/schemas";
import { parseId, parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { readConversation } from "@/lib/inbox/inbox-reads";
import { setPriorityAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readConversation(db, user, params.id));

export const PATCH = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const { priority } = parseInput(conversationPatchBody, await readJsonObject(request));
  await setPriorityAnnounced(db, user, { conversationId, priority });
  return readConversation(db, user, conversationId);
});
