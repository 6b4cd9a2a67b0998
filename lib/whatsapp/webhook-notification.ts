// The shape of a WhatsApp Business Account webhook notification, as Meta posts it
// (docs/behaviour.md#whatsapp: every shape Meta sends is taken).
//
// Only the envelope decides whether a body is accepted: JSON with
// `object: "whatsapp_business_account"` and an `entry` array. Everything inside is read
// item by item (entry, change, message, status), each validated on its own, so that one
// item Fila cannot use never refuses, holds back or loses the others: it is kept with
// its reason (webhook-items.ts). The type-specific content of a message is read later,
// leniently (inbound-message-content.ts).
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
  error_subcode: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

const nonEmpty = z.string().min(1);

/**
 * One inbound message. The sender is `from` (the phone number), `from_user_id` (the
 * business-scoped user id, BSUID), or both: users who adopted a username may come
 * without a phone number.
 */
export const webhookMessageSchema = z
  .looseObject({
    from: nonEmpty.optional(),
    from_user_id: nonEmpty.optional(),
    id: nonEmpty,
    timestamp: unixSeconds,
    type: nonEmpty,
    // Set when the message replies to (or reacts in the context of) another message.
    context: z
      .looseObject({ from: z.string().optional(), id: z.string().optional(), forwarded: z.boolean().optional(), frequently_forwarded: z.boolean().optional() })
      .optional(),
  })
  .refine((m) => m.from !== undefined || m.from_user_id !== undefined, { message: "has neither from nor from_user_id", path: ["from"] });

export const webhookStatusSchema = z.looseObject({
  id: nonEmpty,
  status: nonEmpty,
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z.array(graphErrorSchema).optional(),
});

/** A contact of a messages change: `wa_id`, `user_id` or both; the username sits in the profile. */
export const webhookContactSchema = z.looseObject({
  wa_id: nonEmpty.optional(),
  user_id: nonEmpty.optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

/** The value of a "messages" change, without its items (read one by one). */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.literal("whatsapp", { error: 'must be "whatsapp"' }),
  metadata: z.looseObject({
    display_phone_number: z.string().optional(),
    phone_number_id: nonEmpty,
  }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const webhookEntrySchema = z.looseObject({
  id: z.string().optional(),
  changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
});

/** The envelope: the only part that can make a body be refused. */
export const webhookNotificationSchema = z.looseObject({
  object: z.literal("whatsapp_business_account", { error: 'must be "whatsapp_business_account"' }),
  entry: z.array(z.unknown()).min(1),
});

export type WebhookNotification = z.output<typeof webhookNotificationSchema>;
export type MessagesValue = z.output<typeof messagesValueSchema>;
export type WebhookMessage = z.output<typeof webhookMessageSchema>;
export type WebhookStatus = z.output<typeof webhookStatusSchema>;
export type WebhookContact = z.output<typeof webhookContactSchema>;

// The shapes the builders (dev/webhook-payloads.ts) write: the full notification, typed.
export type WebhookMessageInput = z.input<typeof webhookMessageSchema> & Record<string, unknown>;
export type WebhookStatusInput = z.input<typeof webhookStatusSchema>;
export type WebhookContactInput = z.input<typeof webhookContactSchema>;
export type MessagesValueInput = {
  messaging_product: "whatsapp";
  metadata: { display_phone_number?: string; phone_number_id: string };
  contacts?: WebhookContactInput[];
  messages?: WebhookMessageInput[];
  statuses?: WebhookStatusInput[];
};
export type WebhookNotificationInput = {
  object: "whatsapp_business_account";
  entry: { id: string; changes: ({ field: "messages"; value: MessagesValueInput } | { field: string; value: unknown })[] }[];
};

/** The first few problems of a failed parse, one line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(item)"}: ${issue.message}`)
    .join("; ");
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
  if (!result.success) return { ok: false, error: `not a WhatsApp Business Account notification: ${describeIssues(result.error)}` };
  return { ok: true, notification: result.data };
}
