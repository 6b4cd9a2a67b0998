// GET /api/v1/conversations/:id/members — the members of the conversation's group with
// their status and load, for the transfer picker.
import { getDb } from "@/db/client";
import { requireConversationAccess } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { listGroupMembersWithLoad } from "@/lib/inbox/group-members";
import { conversationIdOf, json, jsonError } from "../../route-support";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const db = getDb();
    const id = conversationIdOf((await context.params).id);
    const conversation = await requireConversationAccess(db, await currentUser(), id);
    return json(await listGroupMembersWithLoad(db, conversation.groupId));
  } catch (error) {
    return jsonError(error, "GET /api/v1/conversations/:id/members");
  }
}
