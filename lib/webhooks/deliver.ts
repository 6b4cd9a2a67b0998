// The webhook worker (docs/behaviour.md#outgoing-webhooks): claims due deliveries of the outbox (FOR UPDATE SKIP
// LOCKED and a lease, so several instances never post the same row at once), posts each
// signed, and records the outcome: delivered on a 2xx; otherwise tried again with
// exponential backoff until 24 hours after the change, then given up ("failed") and
// shown so in the delivery log. At least once: a crash mid-post leaves the lease to
// expire and the row is sent again — receivers deduplicate by X-Fila-Delivery.
// In order per conversation: a delivery waits while an earlier one of the same endpoint
// and conversation is pending (being posted, or waiting for its retry); a paused
// endpoint's deliveries wait too.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { decryptSecret } from "@/lib/secrets";
import { SECRET_OVERLAP_HOURS } from "./endpoints";
import { guardedLookup, internalAddressesRefused, isInternalAddress } from "./safe-url";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const GIVE_UP_AFTER_HOURS = 24;
const LEASE_SECONDS = 60;
const MAX_RESPONSE_CHARS = 2000;
/** Deliveries of one conversation sent one after the other in a pass, after its first. */
const FOLLOWERS_PER_PASS = 50;

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

type Claimed = {
  id: number;
  deliveryId: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
  /** The secret before a rotation, while both sign (SECRET_OVERLAP_HOURS). */
  previousSecret: string | null;
  requestId: string | null;
  endpointId: number;
  conversationId: number | null;
};
type Line = { endpointId: number; conversationId: number };
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

/**
 * Due rows of active endpoints, each the first pending one of its (endpoint, conversation):
 * a later delivery waits while an earlier one is pending, whether leased, backing off, or
 * of a paused endpoint. `line` claims the next of one conversation only.
 */
async function claimDue(db: Db, limit: number, line?: Line): Promise<Claimed[]> {
  return db.execute<Claimed>(sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
       WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
         AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.active)
         AND (d.conversation_id IS NULL OR NOT EXISTS (
               SELECT 1 FROM webhook_deliveries earlier
                WHERE earlier.endpoint_id = d.endpoint_id AND earlier.conversation_id = d.conversation_id
                  AND earlier.state = 'pending' AND earlier.id < d.id))
         ${line ? sql`AND d.endpoint_id = ${line.endpointId} AND d.conversation_id = ${line.conversationId}` : sql``}
       ORDER BY d.next_attempt_at, d.id
       LIMIT ${limit}
       FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
       SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = d.attempts + 1, last_attempt_at = now()
      FROM due, webhook_endpoints e
     WHERE d.id = due.id AND e.id = d.endpoint_id
    RETURNING d.id, d.delivery_id AS "deliveryId", d.event, d.payload, d.attempts, e.url, e.secret,
              CASE WHEN e.secret_rotated_at > now() - make_interval(hours => ${SECRET_OVERLAP_HOURS}) THEN e.previous_secret END AS "previousSecret",
              d.request_id AS "requestId", d.endpoint_id AS "endpointId", d.conversation_id AS "conversationId"`);
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

/**
 * The signature headers: during a rotation's overlap each carries the new secret's
 * signature and the previous one's, comma-separated (`sha256=<new>, sha256=<old>`).
 */
export function signatureHeaders(secrets: string[], timestamp: string, body: string): Record<string, string> {
  return {
    "x-fila-signature": secrets.map((secret) => signatureOf(secret, body)).join(", "),
    "x-fila-timestamp": timestamp,
    "x-fila-signature-v2": secrets.map((secret) => signatureV2Of(secret, timestamp, body)).join(", "),
  };
}

/**
 * One pass of the worker: claims up to `limit` due deliveries and posts them at once;
 * when one of a conversation is delivered, that conversation's next goes right after it
 * (up to FOLLOWERS_PER_PASS), so a backlog drains in order without waiting a pass each.
 */
export async function deliverDueWebhooks(
  db: Db,
  options: { limit?: number; post?: Poster; onDelivery?: (report: DeliveryReport) => void } = {},
): Promise<DeliveryRun> {
  const post = options.post ?? postWebhook;
  const claimed = await claimDue(db, options.limit ?? 20);
  const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
  const deliver = async (delivery: Claimed) => {
    const body = JSON.stringify(delivery.payload);
    // Each attempt is signed at its own time: a retry an hour later is not "old".
    const timestamp = String(Math.floor(Date.now() / 1000));
    const secrets = [delivery.secret, ...(delivery.previousSecret ? [delivery.previousSecret] : [])].map(decryptSecret);
    let outcome: PostOutcome;
    try {
      outcome = await post(delivery.url, body, {
        "content-type": "application/json",
        "user-agent": "Fila-Webhooks/1",
        "x-fila-event": delivery.event,
        "x-fila-delivery": delivery.deliveryId,
        ...signatureHeaders(secrets, timestamp, body),
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
    return state;
  };
  await Promise.all(
    claimed.map(async (first) => {
      let state = await deliver(first);
      if (first.conversationId === null) return;
      const line = { endpointId: first.endpointId, conversationId: first.conversationId };
      for (let followers = 0; state !== "retry" && followers < FOLLOWERS_PER_PASS; followers++) {
        const [next] = await claimDue(db, 1, line);
        if (!next) return;
        state = await deliver(next);
      }
    }),
  );
  return run;
}

/** Delivered rows are kept for the log a while, then dropped (failed ones stay visible as long). */
export async function pruneWebhookDeliveries(db: Db, days: number): Promise<void> {
  await db.execute(sql`DELETE FROM webhook_deliveries WHERE state <> 'pending' AND created_at < now() - make_interval(days => ${days})`);
}
