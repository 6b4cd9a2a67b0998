// POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay — the delivery's event again, as a
// new delivery (its own X-Fila-Delivery, the same body): 201. Managers.
import { replayWebhookDelivery } from "@/lib/webhooks/delivery-log";
import { apiRoute } from "../../../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string; deliveryId: string }>({ role: "manager", created: true }, ({ db, user, params }) =>
  replayWebhookDelivery(db, user, params.id, params.deliveryId),
);
