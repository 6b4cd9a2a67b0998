// POST /api/v1/conversations/:id/read { messageId } — read up to that message: your unread
// count of the conversation drops on every tab of yours (whoever may see it).
import { markReadBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { markConversationReadAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const { messageId } = await readStrictBody(request, markReadBody);
  return markConversationReadAnnounced(db, user, { conversationId, messageId });
});
