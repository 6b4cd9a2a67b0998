// GET /api/v1/conversations/:id/members — the members of the conversation's group with
// their status and load, for the transfer picker.
import { readConversationMembers } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readConversationMembers(db, user, params.id));
