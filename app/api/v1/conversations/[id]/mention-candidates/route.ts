// GET /api/v1/conversations/:id/mention-candidates — who a note may mention, and whether they may see the conversation.
import { listMentionCandidates } from "@/lib/notes/mentions";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => listMentionCandidates(db, user, params.id));
