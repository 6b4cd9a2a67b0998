// The answers of DELETE /webhooks/{id} and POST /webhooks/{id}/test, declared once (the
// endpoint's own, webhookEndpointAnswer, sits in ./endpoints.ts; the delivery log's and a
// replay's in ./delivery-log.ts, a rotation's in ./rotate-secret.ts): the OpenAPI document
// and the API's contract test use them.
import { z } from "zod";

export const webhookDeletedAnswer = z.object({ deleted: z.int().min(1).describe("The id of the endpoint deleted") });

export const webhookTestAnswer = z.object({ deliveryId: z.uuid().describe("The queued webhook.test delivery") });
