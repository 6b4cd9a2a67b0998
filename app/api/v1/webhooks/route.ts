// GET /api/v1/webhooks — the endpoints with their latest outcome. POST { url, secret,
// events } — register one (201; Idempotency-Key honoured). Managers.
import { newWebhookBody, readStrictBody } from "@/lib/api/schemas";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listWebhookEndpoints(db, user));

export const POST = apiRoute({ role: "manager", idempotent: true, created: true }, async ({ db, user, request }) =>
  createWebhookEndpoint(db, user, await readStrictBody(request, newWebhookBody)),
);
