// POST /api/v1/conversations/:id/reopen — a member of its group or a manager; it becomes theirs; answers the conversation as it now is.
import { parseId } from "@/lib/errors";
import { readConversation } from "@/lib/inbox/inbox-reads";
import { reopenAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params }) => {
  await reopenAnnounced(db, user, { conversationId: parseId(params.id, "conversationId") });
  return readConversation(db, user, params.id);
});
