// GET /api/v1/canned-replies — managers every canned reply; agents the global ones and their groups'.
import { listMyCannedReplies } from "@/lib/canned-replies/canned-replies";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user }) => listMyCannedReplies(db, user));
