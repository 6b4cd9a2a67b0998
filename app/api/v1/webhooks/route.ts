// GET /api/v1/webhooks — the endpoints with their latest outcome. POST { url, secret,
// events } — register one (Idempotency-Key honoured). Managers.
import { readJsonObject } from "@/lib/http/read-json";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import type { NewWebhookInput } from "@/lib/webhooks/schemas";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listWebhookEndpoints(db, user));

export const POST = apiRoute({ role: "manager", idempotent: true }, async ({ db, user, request }) =>
  createWebhookEndpoint(db, user, (await readJsonObject(request)) as NewWebhookInput),
);
