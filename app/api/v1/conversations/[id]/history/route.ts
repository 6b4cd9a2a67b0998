// GET /api/v1/conversations/:id/history?before=<cursor> — the contact's earlier conversations, latest first.
import { readContactHistory } from "@/lib/contacts/contact-history";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params, query }) => readContactHistory(db, user, params.id, query));
