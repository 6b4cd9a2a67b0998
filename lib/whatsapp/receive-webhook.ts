// The front door of docs/behaviour.md#whatsapp: the subscription handshake, and storing every posted body
// (accepted or not) before anything else happens to it.
import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { verifySignature } from "./signature";
import { parseNotification, type WebhookNotification } from "./webhook-notification";

/** Meta's notifications are a few KB; anything near this is not from Meta. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
// A refused body is kept as evidence, but an unauthenticated sender must not be able
// to fill the database: only its first KB and a SHA-256 of the whole are stored, at
// most REJECTED_PER_MINUTE per sender address; beyond that nothing is stored (429).
export const MAX_REJECTED_CHARS = 1024;
export const REJECTED_PER_MINUTE = 30;

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
  | { accepted: false; status: 400 | 401 | 413; eventId: number; error: string }
  /** Too many refused bodies from this address: not stored at all. */
  | { accepted: false; status: 429; eventId: null; error: string };

/** An accepted body, as stored for the ingest queue. */
export type AcceptedBody = {
  rawBody: string;
  signature: string | null;
  remoteAddr: string | null;
  orderKey: string | null;
  /** The HTTP request that delivered it (x-request-id): its processing and the webhooks that follows carry it. */
  requestId?: string | null;
};
/** Stores an accepted body `received` and returns its id (the route's group commit, webhook-store.ts). */
export type StoreAcceptedBody = (body: AcceptedBody) => Promise<number>;

/**
 * Verifies and stores one posted body. Accepted bodies are stored `received`, to be
 * processed by the ingest queue (lib/inbound/ingest-queue.ts); refused ones `rejected`
 * with the reason, and nothing else changes. `store` stores accepted bodies (by default
 * one INSERT each; the route batches concurrent ones).
 */
export async function receiveWebhook(
  db: Queryable,
  request: { rawBody: Uint8Array; signature: string | null; remoteAddr?: string | null; requestId?: string | null },
  config: { appSecret: string; store?: StoreAcceptedBody },
): Promise<WebhookReceipt> {
  const signature = request.signature?.slice(0, 200) ?? null;
  const remoteAddr = request.remoteAddr?.slice(0, 64) || null;
  const reject = async (status: 400 | 401 | 413, error: string): Promise<WebhookReceipt> => {
    if (remoteAddr && (await recentRejections(db, remoteAddr)) >= REJECTED_PER_MINUTE) {
      return { accepted: false, status: 429, eventId: null, error: "too many refused bodies from this address" };
    }
    const bodySha256 = createHash("sha256").update(request.rawBody).digest("hex");
    const head = storableText(request.rawBody.subarray(0, MAX_REJECTED_CHARS * 4)).slice(0, MAX_REJECTED_CHARS);
    const [row] = await db
      .insert(webhookEvents)
      .values({ rawBody: head, bodySha256, remoteAddr, signature, outcome: "rejected", error })
      .returning({ id: webhookEvents.id });
    return { accepted: false, status, eventId: row!.id, error };
  };

  if (request.rawBody.byteLength > MAX_WEBHOOK_BYTES) return reject(413, `body larger than ${MAX_WEBHOOK_BYTES} bytes`);
  const check = verifySignature(config.appSecret, request.rawBody, request.signature);
  if (!check.valid) return reject(401, `${check.reason} X-Hub-Signature-256`);
  const text = storableText(request.rawBody);
  const parsed = parseNotification(text);
  if (!parsed.ok) return reject(400, parsed.error);

  const body: AcceptedBody = { rawBody: text, signature, remoteAddr, orderKey: orderKeyOf(parsed.notification), requestId: request.requestId?.slice(0, 128) ?? null };
  const eventId = config.store ? await config.store(body) : (await insertAcceptedBodies(db, [body]))[0]!;
  return { accepted: true, eventId };
}

/** Accepted bodies in one multi-row INSERT; their ids, in the order given. */
export async function insertAcceptedBodies(db: Queryable, bodies: AcceptedBody[]): Promise<number[]> {
  const rows = await db
    .insert(webhookEvents)
    .values(bodies.map((b) => ({ ...b, outcome: "received" as const })))
    .returning({ id: webhookEvents.id });
  // Identity values are drawn row by row in the order of VALUES: ascending ids are the bodies' order.
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Whose body this is, for the order of processing: the business number and the sender of
 * its first message (`phone_number_id:wa_id`, or `phone_number_id:u:user_id`). Bodies
 * with the same key are processed one after the other, in arrival order; bodies
 * without messages (delivery statuses only) have none and go in any order.
 */
export function orderKeyOf(notification: WebhookNotification): string | null {
  return sendersOf(notification)[0] ?? null;
}

/** Every sender of a body's messages, keyed as `orderKeyOf` keys its first, in order of appearance. */
export function sendersOf(notification: WebhookNotification): string[] {
  const senders = new Set<string>();
  for (const entry of notification.entry) {
    const changes = (entry as { changes?: unknown }).changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const value = (change as { value?: { metadata?: { phone_number_id?: unknown }; messages?: unknown } } | null)?.value;
      const number = value?.metadata?.phone_number_id;
      if (typeof number !== "string" || !Array.isArray(value?.messages)) continue;
      for (const message of value.messages as { from?: unknown; from_user_id?: unknown }[]) {
        if (typeof message?.from === "string") senders.add(`${number}:${message.from}`.slice(0, 200));
        else if (typeof message?.from_user_id === "string") senders.add(`${number}:u:${message.from_user_id}`.slice(0, 200));
      }
    }
  }
  return [...senders];
}

async function recentRejections(db: Queryable, remoteAddr: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM ${webhookEvents}
     WHERE outcome = 'rejected' AND remote_addr = ${remoteAddr} AND received_at > now() - interval '1 minute'`);
  return row?.n ?? 0;
}

/**
 * Retention (WEBHOOK_RETENTION_DAYS): processed and refused bodies older than that are
 * deleted. Bodies still to process (received, failed) are never purged.
 */
export async function purgeOldWebhookBodies(db: Queryable, retentionDays: number): Promise<number> {
  const rows = await db.execute<{ id: number }>(sql`
    DELETE FROM ${webhookEvents}
     WHERE outcome IN ('processed', 'rejected') AND received_at < now() - make_interval(days => ${retentionDays})
    RETURNING id`);
  return rows.length;
}

// PostgreSQL text is UTF-8 without U+0000: invalid bytes become U+FFFD and NUL goes.
// (The signature was checked on the bytes as sent; valid JSON never holds a raw NUL.)
function storableText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes).replaceAll("\u0000", "");
}
