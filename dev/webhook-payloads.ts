// Builds webhook notifications the way Meta sends them, for the simulator, the fake
// Graph API's status callbacks and the tests: one place that knows Meta's shapes.
import { randomBytes } from "node:crypto";
import { SIGNATURE_HEADER, signBody } from "@/lib/whatsapp/signature";
import type { MessagesValueInput, WebhookMessageInput, WebhookNotificationInput, WebhookStatusInput } from "@/lib/whatsapp/webhook-notification";

/** A WhatsApp message id in Meta's style (wamid. + base64). */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString("base64url")}`;
}

const nowInSeconds = () => String(Math.floor(Date.now() / 1000));
const mediaId = () => String(10 ** 15 + Math.floor(Math.random() * 9 * 10 ** 15));
const sha256 = () => randomBytes(32).toString("base64");

/** A file the fake Graph API holds (its media id, hash and type); without one, a made-up id. */
export type MediaRef = { id: string; sha256?: string; mimeType?: string };

const mediaOf = (file: MediaRef | undefined, mimeType: string) => ({
  id: file?.id ?? mediaId(),
  mime_type: file?.mimeType ?? mimeType,
  sha256: file?.sha256 ?? sha256(),
});

/** The type-specific part of an inbound message: `{ type, [type]: … }`. */
export type MessageContent = { type: string } & Record<string, unknown>;

export const content = {
  text: (body: string): MessageContent => ({ type: "text", text: { body } }),
  image: (caption?: string, file?: MediaRef): MessageContent => ({ type: "image", image: { ...mediaOf(file, "image/jpeg"), caption } }),
  audio: (voice = true, file?: MediaRef): MessageContent => ({ type: "audio", audio: { ...mediaOf(file, "audio/ogg; codecs=opus"), voice } }),
  video: (caption?: string, file?: MediaRef): MessageContent => ({ type: "video", video: { ...mediaOf(file, "video/mp4"), caption } }),
  document: (filename: string, caption?: string, file?: MediaRef): MessageContent => ({
    type: "document",
    document: { ...mediaOf(file, "application/pdf"), filename, caption },
  }),
  sticker: (file?: MediaRef): MessageContent => ({ type: "sticker", sticker: { ...mediaOf(file, "image/webp"), animated: false } }),
  location: (location: { latitude: number; longitude: number; name?: string; address?: string }): MessageContent => ({ type: "location", location }),
  contacts: (cards: { name: string; phone: string }[]): MessageContent => ({
    type: "contacts",
    contacts: cards.map((card) => ({
      name: { formatted_name: card.name, first_name: card.name.split(" ")[0] },
      phones: [{ phone: card.phone, type: "CELL", wa_id: card.phone.replace(/\D/g, "") }],
    })),
  }),
  buttonReply: (id: string, title: string): MessageContent => ({ type: "interactive", interactive: { type: "button_reply", button_reply: { id, title } } }),
  listReply: (id: string, title: string, description?: string): MessageContent => ({
    type: "interactive",
    interactive: { type: "list_reply", list_reply: { id, title, description } },
  }),
  button: (text: string, payload = text.toUpperCase()): MessageContent => ({ type: "button", button: { text, payload } }),
  reaction: (messageId: string, emoji: string): MessageContent => ({ type: "reaction", reaction: { message_id: messageId, emoji } }),
  /** Meta sends a removed reaction without an emoji. */
  reactionRemoved: (messageId: string): MessageContent => ({ type: "reaction", reaction: { message_id: messageId } }),
  /** A catalog order (Meta sends prices as numbers). */
  order: (items: { sku: string; quantity: number; price: number; currency?: string }[], text?: string): MessageContent => ({
    type: "order",
    order: {
      catalog_id: "CATALOG_ID_1234",
      ...(text !== undefined && { text }),
      product_items: items.map((i) => ({ product_retailer_id: i.sku, quantity: i.quantity, item_price: i.price, currency: i.currency ?? "BRL" })),
    },
  }),
  /** The answer to a WhatsApp Flow: the fields filled in, as the JSON string Meta sends. */
  flowReply: (response: Record<string, unknown>, body = "Sent"): MessageContent => ({
    type: "interactive",
    interactive: { type: "nfm_reply", nfm_reply: { name: "flow", body, response_json: JSON.stringify({ flow_token: "FLOW_TOKEN", ...response }) } },
  }),
  /** WhatsApp tells the business that the contact changed their number (no contacts array in the body). */
  changedNumber: (oldWaId: string, newWaId: string, name = "Contato"): MessageContent => ({
    type: "system",
    system: { body: `User ${name} changed from ${oldWaId} to ${newWaId}`, wa_id: newWaId, type: "user_changed_number" },
  }),
  /** The contact's security code changed (they reinstalled WhatsApp or changed phones). */
  identityChanged: (waId: string): MessageContent => ({
    type: "system",
    system: { body: `User ${waId}'s security code changed`, identity: randomBytes(12).toString("base64"), customer: waId, type: "customer_identity_changed" },
  }),
  /** The contact's business-scoped user id changed. */
  changedUserId: (newUserId: string): MessageContent => ({
    type: "system",
    system: { body: "User's business-scoped user ID changed", user_id: newUserId, type: "user_changed_user_id" },
  }),
  /** The contact edited an earlier message (text). */
  edit: (originalMessageId: string, text: string): MessageContent => ({
    type: "edit",
    edit: { original_message_id: originalMessageId, message: { type: "text", text: { body: text } } },
  }),
  /** The contact deleted an earlier message for everyone. */
  revoke: (originalMessageId: string): MessageContent => ({ type: "revoke", revoke: { original_message_id: originalMessageId } }),
};

/** A business-scoped user id in Meta's format: country code, a dot, digits. */
export function newUserId(country = "BR"): string {
  return `${country}.${randomBytes(8).readBigUInt64BE().toString().slice(0, 16)}`;
}

/** Who writes: a phone number, or `{ userId }` (and maybe `waId`) for contacts identified by user id. */
export type Sender = string | { waId?: string; userId?: string };

export function inboundMessage(
  from: Sender,
  messageContent: MessageContent,
  options: { id?: string; timestamp?: string; context?: { from?: string; id?: string; forwarded?: boolean; frequently_forwarded?: boolean } } = {},
): WebhookMessageInput {
  const sender = typeof from === "string" ? { waId: from } : from;
  return {
    ...(sender.waId && { from: sender.waId }),
    ...(sender.userId && { from_user_id: sender.userId }),
    id: options.id ?? newWamid(),
    timestamp: options.timestamp ?? nowInSeconds(),
    ...(options.context && { context: options.context }),
    ...messageContent,
  };
}

export type BusinessNumber = { phoneNumberId: string; displayPhoneNumber?: string };

function notification(number: BusinessNumber, value: Omit<MessagesValueInput, "messaging_product" | "metadata">): WebhookNotificationInput {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WHATSAPP_BUSINESS_ACCOUNT_ID",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: number.displayPhoneNumber ?? number.phoneNumberId, phone_number_id: number.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export type NotifiedContact = { waId?: string; userId?: string; username?: string; name?: string };

const contactEntry = (c: NotifiedContact) => ({
  ...(c.waId && { wa_id: c.waId }),
  ...(c.userId && { user_id: c.userId }),
  ...((c.name !== undefined || c.username !== undefined) && {
    profile: { ...(c.name !== undefined && { name: c.name }), ...(c.username !== undefined && { username: c.username }) },
  }),
});

/** Messages from one or more contacts to one business number. */
export function messagesNotification(number: BusinessNumber, contacts: NotifiedContact[], messages: WebhookMessageInput[]): WebhookNotificationInput {
  return notification(number, { ...(contacts.length > 0 && { contacts: contacts.map(contactEntry) }), messages });
}

/** One body with several entries (numbers of the same WhatsApp Business Account, or of several). */
export function entriesNotification(
  entries: { number: BusinessNumber; contacts?: NotifiedContact[]; messages?: WebhookMessageInput[]; statuses?: StatusReport[] }[],
): WebhookNotificationInput {
  return {
    object: "whatsapp_business_account",
    entry: entries.map((e) => {
      const { entry } = notification(e.number, {
        ...(e.contacts && { contacts: e.contacts.map(contactEntry) }),
        ...(e.messages && { messages: e.messages }),
        ...(e.statuses && { statuses: e.statuses.map(statusEntry) }),
      });
      return entry[0]!;
    }),
  };
}

export type StatusReport = {
  id: string;
  status: "sent" | "delivered" | "read" | "failed";
  recipientId?: string;
  recipientUserId?: string;
  timestamp?: string;
  errors?: WebhookStatusInput["errors"];
};

const statusEntry = (s: StatusReport): WebhookStatusInput => ({
  id: s.id,
  status: s.status,
  timestamp: s.timestamp ?? nowInSeconds(),
  ...(s.recipientId && { recipient_id: s.recipientId }),
  ...(s.recipientUserId && { recipient_user_id: s.recipientUserId }),
  ...(s.errors && { errors: s.errors }),
});

export function statusesNotification(number: BusinessNumber, statuses: StatusReport[]): WebhookNotificationInput {
  return notification(number, { statuses: statuses.map(statusEntry) });
}

/** Meta's error object of a failed status, by code (the ones Fila acts on and a few others). */
export function statusError(code: number): NonNullable<WebhookStatusInput["errors"]>[number] {
  const known: Record<number, [string, string]> = {
    131047: ["Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number."],
    131026: ["Message undeliverable", "Unable to deliver message."],
    131049: ["This message was not delivered to maintain healthy ecosystem engagement.", "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."],
  };
  const [title, details] = known[code] ?? ["Message failed", "The message could not be delivered."];
  return { code, title, message: title, error_data: { details } };
}

/** Posts a body signed the way Meta signs it. */
export async function postSignedWebhook(url: string, appSecret: string, body: string | WebhookNotificationInput): Promise<Response> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(appSecret, raw) },
    body: raw,
  });
}
