// POST /api/v1/conversations/:id/take — take a queued conversation; answers the conversation as it now is.
import { parseId } from "@/lib/errors";
import { readConversation } from "@/lib/inbox/inbox-reads";
import { takeAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params }) => {
  await takeAnnounced(db, user, { conversationId: parseId(params.id, "conversationId") });
  return readConversation(db, user, params.id);
});
