// GET /api/v1/conversations/:id/canned-replies — the "/" menu: global replies and the group's, filled for this contact and the viewer.
import { cannedRepliesForConversation } from "@/lib/canned-replies/canned-replies";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => cannedRepliesForConversation(db, user, params.id));
