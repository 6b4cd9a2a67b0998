// GET /api/v1/conversations?tab=mine|queue|all&q=&group=&status= — one tab of the
// inbox and the counts of every tab, for the signed-in user.
import { readInbox } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user, query }) => readInbox(db, user, query));
