// The shape of a WhatsApp Business Account webhook notification, as Meta posts it.
// The envelope is strict (anything else is answered 400); the type-specific content of
// a message is read later, leniently (inbound-message-content.ts), so that a message of
// a type we do not know is still stored rather than refused.
import { z } from "zod";

// Meta sends unix seconds as a string; a number is accepted too. Kept as sent (not
// transformed) so that a message we cannot read is stored exactly as it came.
const unixSeconds = z.union([z.string().regex(/^\d{1,12}$/, "must be unix seconds"), z.number().int().nonnegative()]);

export function unixSecondsToDate(value: string | number): Date {
  return new Date(Number(value) * 1000);
}

/** Meta's error object, in a failed status and in a Graph API error answer. */
export const graphErrorSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

export const webhookMessageSchema = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: unixSeconds,
  type: z.string().min(1),
  // Set when the message replies to (or reacts in the context of) another message.
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
});

export const webhookStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  errors: z.array(graphErrorSchema).optional(),
});

const messagesValueSchema = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  metadata: z.looseObject({
    display_phone_number: z.string().optional(),
    phone_number_id: z.string().min(1),
  }),
  contacts: z
    .array(z.looseObject({ wa_id: z.string().min(1), profile: z.looseObject({ name: z.string().optional() }).optional() }))
    .optional(),
  messages: z.array(webhookMessageSchema).optional(),
  statuses: z.array(webhookStatusSchema).optional(),
});

// "messages" is the field that carries messages and delivery statuses. Other fields an
// app may subscribe to (template status, account updates) have other shapes: they are
// accepted and stored, not refused, so that Meta does not retry them for days.
const messagesChangeSchema = z.object({ field: z.literal("messages"), value: messagesValueSchema });
const otherChangeSchema = z.object({
  field: z.string().refine((field) => field !== "messages", "a messages change must carry messaging_product \"whatsapp\""),
  value: z.unknown(),
});

export const webhookNotificationSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z
    .array(z.object({ id: z.string(), changes: z.array(z.union([messagesChangeSchema, otherChangeSchema])) }))
    .min(1),
});

export type WebhookNotification = z.output<typeof webhookNotificationSchema>;
export type WebhookNotificationInput = z.input<typeof webhookNotificationSchema>;
export type MessagesValue = z.output<typeof messagesValueSchema>;
export type MessagesValueInput = z.input<typeof messagesValueSchema>;
export type WebhookMessage = z.output<typeof webhookMessageSchema>;
export type WebhookMessageInput = z.input<typeof webhookMessageSchema>;
export type WebhookStatus = z.output<typeof webhookStatusSchema>;
export type WebhookStatusInput = z.input<typeof webhookStatusSchema>;

export function isMessagesChange(
  change: WebhookNotification["entry"][number]["changes"][number],
): change is { field: "messages"; value: MessagesValue } {
  return change.field === "messages";
}

// PostgreSQL text and jsonb cannot hold U+0000, which JSON may escape into a string:
// drop it while parsing so that a hostile body cannot make storing fail forever.
const withoutNul = (_key: string, value: unknown) => (typeof value === "string" ? value.replaceAll("\u0000", "") : value);

export type ParsedNotification = { ok: true; notification: WebhookNotification } | { ok: false; error: string };

export function parseNotification(rawBody: string): ParsedNotification {
  let json: unknown;
  try {
    json = JSON.parse(rawBody, withoutNul);
  } catch (error) {
    return { ok: false, error: `malformed JSON: ${(error as Error).message}` };
  }
  const result = webhookNotificationSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
      .join("; ");
    return { ok: false, error: `not a WhatsApp Business Account notification: ${issues}` };
  }
  return { ok: true, notification: result.data };
}
