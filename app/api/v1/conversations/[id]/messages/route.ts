// GET /api/v1/conversations/:id/messages?before= — the thread, oldest first: the latest
// page, or the page of older messages before the message id `before`.
import { readThread } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params, query }) => readThread(db, user, params.id, query));
