// GET /api/v1/me/mentions?before=<cursor> — the notes that mentioned me, latest first, and my unread count.
import { readMentions } from "@/lib/notes/mentions";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user, query }) => readMentions(db, user, query));
