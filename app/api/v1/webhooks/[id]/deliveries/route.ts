// GET /api/v1/webhooks/:id/deliveries?cursor=&limit= — the delivery log, newest first:
// { items, nextCursor }. Managers.
import { listWebhookDeliveries } from "@/lib/webhooks/delivery-log";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params, query }) => listWebhookDeliveries(db, user, params.id, query));
