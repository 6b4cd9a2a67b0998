// What a manager may register as an outgoing webhook (docs/behaviour.md#public-api). Messages are catalog keys.
import { z } from "zod";

// A private note goes out only as note.created, to endpoints that ask for it — never as
// message.created (docs/behaviour.md, "Outgoing webhooks").
export const WEBHOOK_EVENTS = ["conversation.created", "conversation.assigned", "conversation.closed", "message.created", "message.status", "note.created", "sla.breached"] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";

export const newWebhookSchema = z.object({
  url: z
    .string({ error: "webhooks.invalid.url" })
    .trim()
    .max(2048, "webhooks.invalid.url")
    .pipe(z.url({ protocol: /^https?$/, error: "webhooks.invalid.url" })),
  // The receiver's key for X-Fila-Signature; at least 16 characters so it is not guessed.
  secret: z.string({ error: "webhooks.invalid.secret" }).min(16, "webhooks.invalid.secret").max(256, "webhooks.invalid.secret").regex(/^\S+$/, "webhooks.invalid.secret"),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: "webhooks.invalid.events" }), { error: "webhooks.invalid.events" })
    .min(1, "webhooks.invalid.events")
    .transform((events) => [...new Set(events)]),
});

export const webhookIdSchema = z.object({ webhookId: z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").max(2_147_483_647, "error.invalidValue") });

export type NewWebhookInput = z.input<typeof newWebhookSchema>;
