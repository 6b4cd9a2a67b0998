// The front door of SPEC §6: the subscription handshake, and storing every posted body
// (accepted or not) before anything else happens to it.
import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { verifySignature } from "./signature";
import { parseNotification } from "./webhook-notification";

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

/**
 * Verifies and stores one posted body. Accepted bodies are stored `received`, to be
 * processed by `ingestWebhookEvent`; refused ones `rejected` with the reason, and
 * nothing else changes.
 */
export async function receiveWebhook(
  db: Queryable,
  request: { rawBody: Uint8Array; signature: string | null; remoteAddr?: string | null },
  config: { appSecret: string },
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

  const [row] = await db
    .insert(webhookEvents)
    .values({ rawBody: text, signature, remoteAddr, outcome: "received" })
    .returning({ id: webhookEvents.id });
  return { accepted: true, eventId: row!.id };
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
