// GET /api/v1/conversations/:id — the conversation view's header: contact, group,
// assignee, status, timestamps, the 24-hour window.
import { readConversation } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readConversation(db, user, params.id));
