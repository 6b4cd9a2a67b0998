// What a manager may register as an outgoing webhook (docs/behaviour.md#public-api). Messages are catalog keys.
import { z } from "zod";
import { strictNumberFromText } from "@/lib/text-input";

// A private note goes out only as note.created, to endpoints that ask for it — never as
// message.created (docs/behaviour.md, "Outgoing webhooks").
export const WEBHOOK_EVENTS = ["conversation.created", "conversation.assigned", "conversation.closed", "message.created", "message.status", "note.created", "sla.breached"] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";

const urlSchema = z
  .string({ error: "webhooks.invalid.url" })
  .trim()
  .max(2048, "webhooks.invalid.url")
  .pipe(z.url({ protocol: /^https?$/, error: "webhooks.invalid.url" }));
const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { error: "webhooks.invalid.events" }), { error: "webhooks.invalid.events" })
  .min(1, "webhooks.invalid.events")
  .transform((events) => [...new Set(events)]);

export const newWebhookSchema = z.object({
  url: urlSchema,
  // The receiver's key for X-Fila-Signature; at least 16 characters so it is not guessed.
  secret: z.string({ error: "webhooks.invalid.secret" }).min(16, "webhooks.invalid.secret").max(256, "webhooks.invalid.secret").regex(/^\S+$/, "webhooks.invalid.secret"),
  events: eventsSchema,
});

/** PATCH /webhooks/{id}: only the fields present change; `paused` stops its deliveries (docs/behaviour.md#outgoing-webhooks). */
export const editWebhookSchema = z.object({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  paused: z.boolean({ error: "error.invalidValue" }).optional(),
});

export const webhookIdSchema = z.object({ webhookId: z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").max(2_147_483_647, "error.invalidValue") });

/** The delivery log's page: `cursor` is the previous page's nextCursor (opaque), `limit` 1–100 (default 50). */
export const MAX_DELIVERY_PAGE = 100;
export const deliveriesQuery = z.object({
  cursor: z.string().regex(/^[1-9]\d{0,17}$/, "error.invalidValue").optional(),
  limit: z.preprocess(
    strictNumberFromText,
    z.number({ error: "error.invalidValue" }).int("error.invalidValue").min(1, "error.invalidValue").max(MAX_DELIVERY_PAGE, "error.invalidValue").default(50),
  ),
});

/** A delivery as X-Fila-Delivery names it. */
export const deliveryUuidSchema = z.uuid({ error: "error.invalidValue" });

export type NewWebhookInput = z.input<typeof newWebhookSchema>;
export type EditWebhookInput = z.input<typeof editWebhookSchema>;
export type DeliveriesQuery = z.input<typeof deliveriesQuery>;

/** PATCH /api/v1/webhooks/{id}'s body: a field it does not know is refused, naming it (SPEC §10 "Strict"). */
export const editWebhookBody = editWebhookSchema.strict();
