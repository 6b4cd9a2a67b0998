// DELETE /api/v1/webhooks/:id — the endpoint and its pending deliveries go. Managers.
import { deleteWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => deleteWebhookEndpoint(db, user, params.id));
