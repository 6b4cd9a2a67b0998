// GET /api/v1/webhooks/:id/deliveries — the latest deliveries with their outcome. Managers.
import { listWebhookDeliveries } from "@/lib/webhooks/endpoints";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => listWebhookDeliveries(db, user, params.id));
