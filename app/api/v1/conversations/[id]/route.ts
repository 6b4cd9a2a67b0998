// GET /api/v1/conversations/:id — the conversation view's header: contact, group,
// assignee, status, timestamps, the 24-hour window.
import { getDb } from "@/db/client";
import { requireConversationAccess } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { loadConversationDetail } from "@/lib/inbox/conversation-detail";
import { UserError } from "@/lib/errors";
import { conversationIdOf, json, jsonError } from "../route-support";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const db = getDb();
    const id = conversationIdOf((await context.params).id);
    await requireConversationAccess(db, await currentUser(), id);
    const detail = await loadConversationDetail(db, id);
    if (!detail) throw new UserError("not_found", "This conversation does not exist.");
    return json(detail);
  } catch (error) {
    return jsonError(error, "GET /api/v1/conversations/:id");
  }
}
