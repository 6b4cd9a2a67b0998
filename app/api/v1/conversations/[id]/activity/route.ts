// GET /api/v1/conversations/:id/activity — the conversation's assignment events (for
// everyone who may see it) and, for managers only, the latest automatic decision with
// its candidates ("Why <agent>?").
import { readActivity } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readActivity(db, user, params.id));
