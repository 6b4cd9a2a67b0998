// GET /api/v1/conversations?tab=mine|queue|all&q=&group=&status=&assignee=&awaiting=&from=&to=&cursor=
// — a page of one tab of the inbox (nextCursor for the next), its total on the first page,
// and the counts and unread counts of every tab, for the signed-in user.
import { readInbox } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user, query }) => readInbox(db, user, query));
