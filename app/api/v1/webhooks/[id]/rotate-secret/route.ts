// POST /api/v1/webhooks/:id/rotate-secret — a new secret, in the answer this once (200: the
// endpoint changes, nothing gets an address); both sign deliveries for 24 hours. Managers.
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => rotateWebhookSecret(db, user, params.id));
