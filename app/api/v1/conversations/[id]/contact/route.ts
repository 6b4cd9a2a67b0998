// GET /api/v1/conversations/:id/contact — the contact side panel (whoever may see the conversation).
import { readContactPanel } from "@/lib/contacts/contact-panel";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readContactPanel(db, user, params.id));
