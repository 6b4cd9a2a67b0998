// Builds webhook notifications the way Meta sends them, for the simulator, the fake
// Graph API's status callbacks and the tests: one place that knows Meta's shapes.
import { randomBytes } from "node:crypto";
import { SIGNATURE_HEADER, signBody } from "./signature";
import type { MessagesValueInput, WebhookMessageInput, WebhookNotificationInput, WebhookStatusInput } from "./webhook-notification";

/** A WhatsApp message id in Meta's style (wamid. + base64). */
export function newWamid(): string {
  return `wamid.${randomBytes(24).toString("base64url")}`;
}

const nowInSeconds = () => String(Math.floor(Date.now() / 1000));
const mediaId = () => String(10 ** 15 + Math.floor(Math.random() * 9 * 10 ** 15));
const sha256 = () => randomBytes(32).toString("base64");

/** The type-specific part of an inbound message: `{ type, [type]: … }`. */
export type MessageContent = { type: string } & Record<string, unknown>;

export const content = {
  text: (body: string): MessageContent => ({ type: "text", text: { body } }),
  image: (caption?: string): MessageContent => ({ type: "image", image: { id: mediaId(), mime_type: "image/jpeg", sha256: sha256(), caption } }),
  audio: (voice = true): MessageContent => ({ type: "audio", audio: { id: mediaId(), mime_type: "audio/ogg; codecs=opus", sha256: sha256(), voice } }),
  video: (caption?: string): MessageContent => ({ type: "video", video: { id: mediaId(), mime_type: "video/mp4", sha256: sha256(), caption } }),
  document: (filename: string, caption?: string): MessageContent => ({
    type: "document",
    document: { id: mediaId(), mime_type: "application/pdf", sha256: sha256(), filename, caption },
  }),
  sticker: (): MessageContent => ({ type: "sticker", sticker: { id: mediaId(), mime_type: "image/webp", sha256: sha256(), animated: false } }),
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
};

export function inboundMessage(
  from: string,
  messageContent: MessageContent,
  options: { id?: string; timestamp?: string; context?: { from: string; id: string } } = {},
): WebhookMessageInput {
  return {
    from,
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

/** Messages from one or more contacts to one business number. */
export function messagesNotification(
  number: BusinessNumber,
  contacts: { waId: string; name?: string }[],
  messages: WebhookMessageInput[],
): WebhookNotificationInput {
  return notification(number, {
    contacts: contacts.map((c) => ({ wa_id: c.waId, ...(c.name !== undefined && { profile: { name: c.name } }) })),
    messages,
  });
}

export type StatusReport = {
  id: string;
  status: "sent" | "delivered" | "read" | "failed";
  recipientId: string;
  timestamp?: string;
  errors?: WebhookStatusInput["errors"];
};

export function statusesNotification(number: BusinessNumber, statuses: StatusReport[]): WebhookNotificationInput {
  return notification(number, {
    statuses: statuses.map((s) => ({
      id: s.id,
      status: s.status,
      timestamp: s.timestamp ?? nowInSeconds(),
      recipient_id: s.recipientId,
      ...(s.errors && { errors: s.errors }),
    })),
  });
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
