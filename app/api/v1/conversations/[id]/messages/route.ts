// GET /api/v1/conversations/:id/messages — the thread, oldest first.
import { getDb } from "@/db/client";
import { requireConversationAccess } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import { conversationIdOf, json, jsonError } from "../../route-support";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const db = getDb();
    const id = conversationIdOf((await context.params).id);
    await requireConversationAccess(db, await currentUser(), id);
    return json(await listThreadMessages(db, id));
  } catch (error) {
    return jsonError(error, "GET /api/v1/conversations/:id/messages");
  }
}
