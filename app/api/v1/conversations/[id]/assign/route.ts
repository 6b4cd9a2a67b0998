// POST /api/v1/conversations/:id/assign { userId } — managers; answers the conversation as it now is.
import { assignBody } from "@/lib/api/schemas";
import { parseId, parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { readConversation } from "@/lib/inbox/inbox-reads";
import { assignAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const { userId } = parseInput(assignBody, await readJsonObject(request));
  await assignAnnounced(db, user, { conversationId, agentId: userId });
  return readConversation(db, user, conversationId);
});
