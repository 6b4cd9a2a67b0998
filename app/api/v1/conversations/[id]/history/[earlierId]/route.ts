// GET /api/v1/conversations/:id/history/:earlierId — the messages of one of the contact's earlier conversations.
import { readHistoryThread } from "@/lib/contacts/contact-history";
import { apiRoute } from "../../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; earlierId: string }>({ role: "signed-in" }, ({ db, user, params }) =>
  readHistoryThread(db, user, params.id, params.earlierId),
);
