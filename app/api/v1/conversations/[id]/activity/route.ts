// GET /api/v1/conversations/:id/activity — the conversation's assignment events (for
// everyone who may see it) and, for managers only, the latest automatic decision with
// its candidates ("Why <agent>?").
import { getDb } from "@/db/client";
import { isManager, requireConversationAccess } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { loadConversationActivity } from "@/lib/inbox/conversation-activity";
import { conversationIdOf, json, jsonError } from "../../route-support";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const db = getDb();
    const id = conversationIdOf((await context.params).id);
    const user = await currentUser();
    await requireConversationAccess(db, user, id);
    return json(await loadConversationActivity(db, id, { withDecision: isManager(user) }));
  } catch (error) {
    return jsonError(error, "GET /api/v1/conversations/:id/activity");
  }
}
