// The webhook worker (docs/behaviour.md#public-api): claims due deliveries of the outbox (FOR UPDATE SKIP
// LOCKED and a lease, so several instances never post the same row at once), posts each
// signed, and records the outcome: delivered on a 2xx; otherwise tried again with
// exponential backoff until 24 hours after the change, then given up ("failed") and
// shown so in the delivery log. At least once: a crash mid-post leaves the lease to
// expire and the row is sent again — receivers deduplicate by X-Fila-Delivery.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { decryptSecret } from "@/lib/secrets";
import { guardedLookup, internalAddressesRefused, isInternalAddress } from "./safe-url";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const GIVE_UP_AFTER_HOURS = 24;
const LEASE_SECONDS = 60;
const MAX_RESPONSE_CHARS = 2000;

/** `sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>`. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * X-Fila-Signature-V2: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the timestamp
 * (X-Fila-Timestamp, Unix seconds of this attempt) signed with the body, so that a
 * receiver can refuse a replayed old delivery (SPEC §10 "Signed with time").
 */
export function signatureV2Of(secret: string, timestamp: string, body: string): string {
  return signatureOf(secret, `${timestamp}.${body}`);
}

/** Seconds before the next try after `attempts` failed ones: 10 s, 20 s, 40 s… at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(0, attempts - 1), 3600);
}

type Claimed = { id: number; deliveryId: string; event: string; payload: unknown; attempts: number; url: string; secret: string; requestId: string | null };
/** One post's outcome, for the log line (with the id of the request that caused the change). */
export type DeliveryReport = {
  deliveryId: string;
  event: string;
  requestId: string | null;
  attempt: number;
  state: "delivered" | "retry" | "failed";
  status: number | null;
  error: string | null;
};
export type PostOutcome = { status: number | null; response: string | null; error: string | null };
export type Poster = (url: string, body: string, headers: Record<string, string>) => Promise<PostOutcome>;

async function claimDue(db: Db, limit: number): Promise<Claimed[]> {
  return db.execute<Claimed>(sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
       WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
       ORDER BY d.next_attempt_at, d.id
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_deliveries d
       SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = d.attempts + 1, last_attempt_at = now()
      FROM due, webhook_endpoints e
     WHERE d.id = due.id AND e.id = d.endpoint_id AND e.active
    RETURNING d.id, d.delivery_id AS "deliveryId", d.event, d.payload, d.attempts, e.url, e.secret, d.request_id AS "requestId"`);
}

async function recordOutcome(db: Db, delivery: Claimed, outcome: PostOutcome): Promise<"delivered" | "retry" | "failed"> {
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const [row] = await db.execute<{ state: "delivered" | "pending" | "failed" }>(sql`
    UPDATE webhook_deliveries
       SET lease_until = NULL, last_status = ${outcome.status}, last_response = ${outcome.response}, last_error = ${outcome.error},
           state = CASE WHEN ${ok} THEN 'delivered'::webhook_delivery_state
                        WHEN now() + make_interval(secs => ${backoffSeconds(delivery.attempts)}) > created_at + make_interval(hours => ${GIVE_UP_AFTER_HOURS})
                          THEN 'failed'::webhook_delivery_state
                        ELSE 'pending'::webhook_delivery_state END,
           delivered_at = CASE WHEN ${ok} THEN now() ELSE NULL END,
           next_attempt_at = CASE WHEN ${ok} THEN next_attempt_at ELSE now() + make_interval(secs => ${backoffSeconds(delivery.attempts)}) END
     WHERE id = ${delivery.id}
    RETURNING state`);
  return row?.state === "pending" ? "retry" : (row?.state ?? "failed");
}

/** Posts with node's http(s), through the guarded DNS lookup; never throws. */
export const postWebhook: Poster = (url, body, headers) =>
  new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ status: null, response: null, error: "invalid URL" });
    }
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && internalAddressesRefused() && isInternalAddress(host)) {
      return resolve({ status: null, response: null, error: "refused: internal address" });
    }
    const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
    if (!client) return resolve({ status: null, response: null, error: "only http and https" });
    const request = client.request(
      target,
      { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, lookup: guardedLookup, timeout: DELIVERY_TIMEOUT_MS },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < MAX_RESPONSE_CHARS) text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? null, response: text.slice(0, MAX_RESPONSE_CHARS), error: null }));
        response.on("error", (error) => resolve({ status: response.statusCode ?? null, response: text.slice(0, MAX_RESPONSE_CHARS), error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer in ${DELIVERY_TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve({ status: null, response: null, error: error.message }));
    request.end(body);
  });

export type DeliveryRun = { delivered: number; retried: number; failed: number };

/** One pass of the worker: claims up to `limit` due deliveries and posts them at once. */
export async function deliverDueWebhooks(
  db: Db,
  options: { limit?: number; post?: Poster; onDelivery?: (report: DeliveryReport) => void } = {},
): Promise<DeliveryRun> {
  const post = options.post ?? postWebhook;
  const claimed = await claimDue(db, options.limit ?? 20);
  const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (delivery) => {
      const body = JSON.stringify(delivery.payload);
      // Each attempt is signed at its own time: a retry an hour later is not "old".
      const timestamp = String(Math.floor(Date.now() / 1000));
      const secret = decryptSecret(delivery.secret);
      let outcome: PostOutcome;
      try {
        outcome = await post(delivery.url, body, {
          "content-type": "application/json",
          "user-agent": "Fila-Webhooks/1",
          "x-fila-event": delivery.event,
          "x-fila-delivery": delivery.deliveryId,
          "x-fila-signature": signatureOf(secret, body),
          "x-fila-timestamp": timestamp,
          "x-fila-signature-v2": signatureV2Of(secret, timestamp, body),
        });
      } catch (error) {
        outcome = { status: null, response: null, error: error instanceof Error ? error.message : String(error) };
      }
      const state = await recordOutcome(db, delivery, outcome);
      options.onDelivery?.({
        deliveryId: delivery.deliveryId,
        event: delivery.event,
        requestId: delivery.requestId,
        attempt: delivery.attempts,
        state,
        status: outcome.status,
        error: outcome.error,
      });
      if (state === "delivered") run.delivered++;
      else if (state === "retry") run.retried++;
      else run.failed++;
    }),
  );
  return run;
}

/** Delivered rows are kept for the log a while, then dropped (failed ones stay visible as long). */
export async function pruneWebhookDeliveries(db: Db, days: number): Promise<void> {
  await db.execute(sql`DELETE FROM webhook_deliveries WHERE state <> 'pending' AND created_at < now() - make_interval(days => ${days})`);
}
