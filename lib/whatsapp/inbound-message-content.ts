// What an inbound WhatsApp message says, in the three columns that store it: `type`
// (WhatsApp's own), `body` (the text, the caption or a summary built from the content
// itself) and `payload` (everything else a thread needs to render it). Labels such as
// "Photo" or "Unsupported message" are not stored: the interface translates them from
// the type (STYLE habit 13).
import { z } from "zod";
import type { WebhookMessage } from "./webhook-notification";

export type InboundPayload = {
  media?: { id: string; mimeType?: string; sha256?: string; filename?: string; voice?: boolean; animated?: boolean };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  /** Shared contact cards, as WhatsApp sends them (name, phones, emails, …). */
  contacts?: Record<string, unknown>[];
  /** The choice the contact made on an interactive message or a template quick-reply button. */
  reply?: { kind: "button_reply" | "list_reply" | "button"; id?: string; title: string; description?: string };
  /** emoji null: the contact removed their reaction. */
  reaction?: { messageId: string; emoji: string | null };
  /** The message this one replies to, and forwarding flags. */
  context?: Record<string, unknown>;
  /** The click-to-WhatsApp ad the message came from. */
  referral?: Record<string, unknown>;
  /** A catalog order: its items with quantities and unit prices. */
  order?: { catalogId?: string; text?: string; items: OrderItem[] };
  /** The answer to a WhatsApp Flow (`interactive.nfm_reply`): the fields the contact filled in. */
  flowReply?: { name?: string; body?: string; response: Record<string, unknown> | null; responseText?: string };
  /** A note from WhatsApp about the contact (number or identity changed). */
  system?: { kind: string; body?: string; newWaId?: string; newUserId?: string };
  /** The contact edited an earlier message: its id and the new content. */
  edit?: { originalMessageId: string; type?: string };
  /** The contact deleted an earlier message for everyone. */
  revoke?: { originalMessageId: string };
  /** A type (or sub-type) we do not read: the raw message is kept whole. */
  unsupported?: true;
  raw?: Record<string, unknown>;
};

export type OrderItem = { productRetailerId: string; quantity: number; itemPrice: number; currency: string };

export type InboundContent = { type: string; body: string | null; payload: InboundPayload | null };
type Content = Omit<InboundContent, "type">;
type ContentReader = (message: Record<string, unknown>) => Content | null;

/** A reader for one type: null when the message does not have the shape that type promises. */
function readWith<S extends z.ZodType>(schema: S, read: (data: z.output<S>) => Content): ContentReader {
  return (message) => {
    const parsed = schema.safeParse(message);
    return parsed.success ? read(parsed.data) : null;
  };
}

const mediaSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

function readMedia(type: "image" | "audio" | "video" | "document" | "sticker"): ContentReader {
  return (message) => {
    const parsed = mediaSchema.safeParse(message[type]);
    if (!parsed.success) return null;
    const { id, mime_type, sha256, caption, filename, voice, animated } = parsed.data;
    return {
      body: caption ?? (type === "document" ? filename : undefined) ?? null,
      payload: { media: { id, mimeType: mime_type, sha256, filename, voice, animated } },
    };
  };
}

const choiceSchema = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });

const readers: Record<string, ContentReader> = {
  text: readWith(z.object({ text: z.object({ body: z.string() }) }), ({ text }) => ({ body: text.body, payload: {} })),
  image: readMedia("image"),
  audio: readMedia("audio"),
  video: readMedia("video"),
  document: readMedia("document"),
  sticker: readMedia("sticker"),
  location: readWith(
    z.object({
      location: z.object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
        url: z.string().optional(),
      }),
    }),
    ({ location }) => ({
      body: [location.name, location.address].filter(Boolean).join(" — ") || `${location.latitude}, ${location.longitude}`,
      payload: { location },
    }),
  ),
  contacts: readWith(
    z.object({ contacts: z.array(z.looseObject({ name: z.looseObject({ formatted_name: z.string().optional() }).optional() })).min(1) }),
    ({ contacts }) => {
      const names = contacts.map((card) => card.name?.formatted_name).filter(Boolean);
      return { body: names.length > 0 ? names.join(", ") : null, payload: { contacts } };
    },
  ),
  interactive: readWith(
    z.object({
      interactive: z.discriminatedUnion("type", [
        z.object({ type: z.literal("button_reply"), button_reply: choiceSchema }),
        z.object({ type: z.literal("list_reply"), list_reply: choiceSchema }),
        z.object({
          type: z.literal("nfm_reply"),
          nfm_reply: z.object({ name: z.string().optional(), body: z.string().optional(), response_json: z.string() }),
        }),
      ]),
    }),
    ({ interactive }) => {
      if (interactive.type === "nfm_reply") {
        const { name, body, response_json } = interactive.nfm_reply;
        const response = parseObject(response_json);
        return {
          body: body ?? null,
          payload: { flowReply: { name, body, response, ...(response === null && { responseText: response_json }) } },
        };
      }
      const choice = interactive.type === "button_reply" ? interactive.button_reply : interactive.list_reply;
      return { body: choice.title, payload: { reply: { kind: interactive.type, ...choice } } };
    },
  ),
  // A quick-reply button of a template message.
  button: readWith(z.object({ button: z.object({ text: z.string(), payload: z.string().optional() }) }), ({ button }) => ({
    body: button.text,
    payload: { reply: { kind: "button", id: button.payload, title: button.text } },
  })),
  order: readWith(
    z.object({
      order: z.object({
        catalog_id: z.string().optional(),
        text: z.string().optional(),
        product_items: z
          .array(
            z.object({
              product_retailer_id: z.string(),
              quantity: z.coerce.number().nonnegative(),
              item_price: z.coerce.number(),
              currency: z.string(),
            }),
          )
          .min(1),
      }),
    }),
    // The body is what search and the row's preview read: the contact's words, then what
    // they ordered (Meta sends retailer ids and quantities, not product names).
    ({ order }) => ({
      body: [order.text?.trim(), order.product_items.map((i) => `${i.quantity} × ${i.product_retailer_id}`).join(", ")].filter(Boolean).join(" · "),
      payload: {
        order: {
          catalogId: order.catalog_id,
          text: order.text,
          items: order.product_items.map((i) => ({ productRetailerId: i.product_retailer_id, quantity: i.quantity, itemPrice: i.item_price, currency: i.currency })),
        },
      },
    }),
  ),
  system: readWith(
    z.object({
      system: z.looseObject({
        body: z.string().optional(),
        type: z.string().optional(),
        wa_id: z.string().optional(),
        new_wa_id: z.string().optional(),
        user_id: z.string().optional(),
        new_user_id: z.string().optional(),
      }),
    }),
    ({ system }) => ({
      body: system.body ?? null,
      payload: {
        system: {
          // Older API versions named the number change "customer_changed_number".
          kind: system.type === "customer_changed_number" ? "user_changed_number" : (system.type ?? "unknown"),
          body: system.body,
          newWaId: system.new_wa_id ?? system.wa_id,
          newUserId: system.new_user_id ?? system.user_id,
        },
      },
    }),
  ),
  edit: (message) => {
    const parsed = z.object({ edit: z.object({ original_message_id: z.string().min(1), message: z.looseObject({ type: z.string() }).optional() }) }).safeParse(message);
    if (!parsed.success) return null;
    const inner = parsed.data.edit.message;
    // The new content is an ordinary message body (text, or media with a caption).
    const content = inner && Object.hasOwn(readers, inner.type) && inner.type !== "edit" ? readers[inner.type]!(inner) : null;
    return {
      body: content?.body ?? null,
      payload: { ...content?.payload, edit: { originalMessageId: parsed.data.edit.original_message_id, type: inner?.type } },
    };
  },
  revoke: readWith(z.object({ revoke: z.object({ original_message_id: z.string().min(1) }) }), ({ revoke }) => ({
    body: null,
    payload: { revoke: { originalMessageId: revoke.original_message_id } },
  })),
  reaction: readWith(z.object({ reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }) }), ({ reaction }) => {
    const emoji = reaction.emoji || null;
    return { body: emoji, payload: { reaction: { messageId: reaction.message_id, emoji } } };
  }),
};

export function describeInboundMessage(message: WebhookMessage): InboundContent {
  const reader = Object.hasOwn(readers, message.type) ? readers[message.type] : undefined;
  // An unknown type, or a known one whose content we cannot read (an interactive flow
  // reply, say): kept whole, and shown as an unsupported message.
  const content = reader?.(message) ?? { body: null, payload: { unsupported: true as const, raw: message } };
  const payload: InboundPayload = { ...content.payload };
  if (message.context) payload.context = message.context;
  if (isObject(message.referral)) payload.referral = message.referral;
  return { type: message.type, body: content.body, payload: Object.keys(payload).length > 0 ? withoutUndefined(payload) : null };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The order's total when its items share one currency (null otherwise). */
export function orderTotal(items: OrderItem[]): { amount: number; currency: string } | null {
  const currency = items[0]?.currency;
  if (!currency || items.some((i) => i.currency !== currency)) return null;
  // In cents, so that 3 × 19.90 is 59.70 and not 59.699999….
  const cents = items.reduce((sum, i) => sum + Math.round(i.itemPrice * 100) * i.quantity, 0);
  return { amount: cents / 100, currency };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

// jsonb has no undefined: drop those keys so that the stored payload holds what was sent.
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
