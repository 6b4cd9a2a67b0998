// POST /api/v1/webhooks/:id/test — queue a signed `webhook.test` delivery. Managers.
import { sendTestEvent } from "@/lib/webhooks/endpoints";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => sendTestEvent(db, user, params.id));
