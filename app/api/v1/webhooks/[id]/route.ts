// PATCH /api/v1/webhooks/:id { url?, events?, paused? } — only the fields present change;
// paused: nothing new is queued, pending deliveries wait. DELETE — the endpoint and its
// pending deliveries go. Managers.
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { editWebhookBody } from "@/lib/webhooks/schemas";
import { readStrictBody } from "@/lib/api/schemas";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) =>
  updateWebhookEndpoint(db, user, params.id, await readStrictBody(request, editWebhookBody)),
);

export const DELETE = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => deleteWebhookEndpoint(db, user, params.id));
