// GET /api/v1/conversations/:id/messages — the thread, oldest first.
import { readThread } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readThread(db, user, params.id));
