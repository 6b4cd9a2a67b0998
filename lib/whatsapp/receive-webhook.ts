// The front door of SPEC §6: the subscription handshake, and storing every posted body
// (accepted or not) before anything else happens to it.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Queryable } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { verifySignature } from "./signature";
import { parseNotification } from "./webhook-notification";

/** Meta's notifications are a few KB; anything near this is not from Meta. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
// A refused body is kept as evidence, but an unauthenticated sender must not be able
// to fill the database: only its beginning is stored.
const MAX_REJECTED_CHARS = 64 * 1024;

/** The `hub.challenge` to echo when the handshake is ours, null when it is not. */
export function verifySubscription(params: URLSearchParams, verifyToken: string): string | null {
  const challenge = params.get("hub.challenge");
  if (params.get("hub.mode") !== "subscribe" || challenge === null) return null;
  return sameSecret(params.get("hub.verify_token") ?? "", verifyToken) ? challenge : null;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type WebhookReceipt =
  | { accepted: true; eventId: number }
  | { accepted: false; status: 400 | 401 | 413; eventId: number; error: string };

/**
 * Verifies and stores one posted body. Accepted bodies are stored `received`, to be
 * processed by `ingestWebhookEvent`; refused ones `rejected` with the reason, and
 * nothing else changes.
 */
export async function receiveWebhook(
  db: Queryable,
  request: { rawBody: Uint8Array; signature: string | null },
  config: { appSecret: string },
): Promise<WebhookReceipt> {
  const text = storableText(request.rawBody);
  const signature = request.signature?.slice(0, 200) ?? null;
  const reject = async (status: 400 | 401 | 413, error: string): Promise<WebhookReceipt> => {
    const [row] = await db
      .insert(webhookEvents)
      .values({ rawBody: text.slice(0, MAX_REJECTED_CHARS), signature, outcome: "rejected", error })
      .returning({ id: webhookEvents.id });
    return { accepted: false, status, eventId: row!.id, error };
  };

  if (request.rawBody.byteLength > MAX_WEBHOOK_BYTES) return reject(413, `body larger than ${MAX_WEBHOOK_BYTES} bytes`);
  const check = verifySignature(config.appSecret, request.rawBody, request.signature);
  if (!check.valid) return reject(401, `${check.reason} X-Hub-Signature-256`);
  const parsed = parseNotification(text);
  if (!parsed.ok) return reject(400, parsed.error);

  const [row] = await db
    .insert(webhookEvents)
    .values({ rawBody: text, signature, outcome: "received" })
    .returning({ id: webhookEvents.id });
  return { accepted: true, eventId: row!.id };
}

// PostgreSQL text is UTF-8 without U+0000: invalid bytes become U+FFFD and NUL goes.
// (The signature was checked on the bytes as sent; valid JSON never holds a raw NUL.)
function storableText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes).replaceAll("\u0000", "");
}
