// The queue of stored webhook bodies (issue 18): a body the route stored `received` is
// claimed here, with its neighbours, by one transaction that processes them side by side
// (one lane per sender, `inSenderLanes`) and marks them all — so the marks commit with
// the effects, and a crash in the middle of a batch leaves every body of it `received`,
// to be claimed again, with nothing of it stored. Claims use FOR UPDATE SKIP LOCKED, so
// any number of workers and instances share the queue. One contact's bodies go in
// arrival order: a body is claimable only when no older body with its order key is still
// to process (an older one being processed right now is still `received` to everyone
// else).
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { emptyResult, itemScope, notesOf, processBody, processWebhookEvent, type ProcessedWebhook, type ProcessOutcome } from "./process-webhook-event";
import { sendersOf } from "./receive-webhook";
import { parseNotification, type ParsedNotification } from "./webhook-notification";

export type BatchOptions = {
  /** Bodies per transaction. */
  limit?: number;
  /** A failed body waits this long before its next attempt, doubling with each attempt… */
  baseBackoffMs?: number;
  /** …up to this. */
  maxBackoffMs?: number;
  /** Tests: runs inside the transaction after the bodies are processed, before the marks (a crash there). */
  beforeMarks?: (eventIds: number[], tx: Tx) => Promise<void>;
};

export type ProcessedBatch = {
  outcomes: ProcessOutcome[];
  /** Everything the batch's processed bodies did, merged (for the signals and what follows). */
  result: ProcessedWebhook;
  /** The requests that delivered its bodies (x-request-id, comma-separated), null when none was named. */
  requestId: string | null;
};

/** Claims up to `limit` due bodies and processes them in one transaction; empty when none is due. */
export async function processWebhookBatch(db: Db, options: BatchOptions = {}): Promise<ProcessedBatch> {
  const { limit = 20, baseBackoffMs = 5_000, maxBackoffMs = 10 * 60_000 } = options;
  let claimedIds: number[] = [];
  let requestId: string | null = null;
  let bodyFailed = false;
  const outcomes = await db.transaction(async (tx) => {
    const claimed = await tx.execute<{ id: number; rawBody: string; requestId: string | null }>(sql`
      SELECT e.id::int AS id, e.raw_body AS "rawBody", e.request_id AS "requestId"
        FROM webhook_events e
       WHERE e.outcome IN ('received', 'failed')
         AND (e.outcome = 'received'
              OR e.processed_at IS NULL
              OR e.processed_at < now() - make_interval(secs => least(${baseBackoffMs / 1000} * power(2, greatest(e.attempts - 1, 0)), ${maxBackoffMs / 1000})))
         AND (e.order_key IS NULL OR NOT EXISTS (
               SELECT 1 FROM webhook_events o
                WHERE o.order_key = e.order_key AND o.outcome IN ('received', 'failed') AND o.id < e.id))
       ORDER BY e.id
       LIMIT ${limit}
       FOR UPDATE OF e SKIP LOCKED`);
    if (claimed.length === 0) return [];
    claimedIds = claimed.map((c) => c.id);
    // The outgoing webhooks this transaction enqueues name the requests behind it (fila_enqueue_webhook).
    requestId = [...new Set(claimed.flatMap((c) => (c.requestId ? [c.requestId] : [])))].join(",") || null;
    if (requestId) await tx.execute(sql`SELECT set_config('fila.request_id', ${requestId}, true)`);

    // No savepoints, per body or per item (two round trips each): whatever fails ends the
    // batch, whose bodies are then taken one by one, each item in its own savepoint.
    const scope = itemScope(false);
    const settled = await Promise.allSettled(inSenderLanes(claimed, ({ id, rawBody }, parsed) => processBody(tx, id, rawBody, scope, parsed)));
    const failure = settled.find((s) => s.status === "rejected");
    if (failure) {
      bodyFailed = true;
      throw failure.reason;
    }
    const done: ProcessOutcome[] = settled.map((s, i) => ({ outcome: "processed", eventId: claimed[i]!.id, result: (s as PromiseFulfilledResult<ProcessedWebhook>).value }));
    await options.beforeMarks?.(done.map((o) => o.eventId), tx);
    const marks = done.map((o) => ({
      id: o.eventId,
      outcome: o.outcome,
      error: o.outcome === "processed" ? notesOf(o.result) : o.outcome === "failed" ? o.error : null,
    }));
    // processed_at dates a failed body's last attempt, for its backoff.
    await tx.execute(sql`
      UPDATE webhook_events w
         SET outcome = m.outcome::webhook_outcome, attempts = w.attempts + 1, processed_at = now(), error = m.error
        FROM jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) AS m(id bigint, outcome text, error text)
       WHERE w.id = m.id`);
    return done;
  }).catch(async (error: unknown) => {
    if (!bodyFailed) throw error;
    // A body failed and took the batch's transaction with it (nothing of it was stored):
    // each body alone now, the one that fails again marked failed for its backoff.
    const alone: ProcessOutcome[] = [];
    for (const id of claimedIds) alone.push(await processWebhookEvent(db, id));
    return alone;
  });

  const result = emptyResult();
  for (const o of outcomes) {
    if (o.outcome !== "processed") continue;
    result.openedConversations.push(...o.result.openedConversations);
    result.messages.push(...o.result.messages);
    result.statusUpdates.push(...o.result.statusUpdates);
    result.routing.push(...o.result.routing);
    result.notes.push(...o.result.notes);
  }
  return { outcomes, result, requestId };
}

/**
 * The bodies of a batch, processed side by side in its one transaction: their statements
 * are pipelined on its connection (sent together, answered together) instead of waiting
 * for one another's round trips, which were most of a batch's time (the socket writes
 * alone were a fifth of the worker's CPU). Bodies that share a sender (a contact on a
 * number, `sendersOf`) form a lane and go one after the other, in arrival order, so each
 * contact's messages are stored in the order they came. Each body is parsed once, here,
 * and handed to `work` with it.
 */
export function inSenderLanes<B extends { rawBody: string }, R>(bodies: B[], work: (body: B, parsed: ParsedNotification) => Promise<R>): Promise<R>[] {
  const tails = new Map<string, Promise<unknown>>();
  return bodies.map((body) => {
    const parsed = parseNotification(body.rawBody);
    const senders = parsed.ok ? sendersOf(parsed.notification) : [];
    const before = senders.flatMap((s) => tails.get(s) ?? []);
    const run = before.length > 0 ? Promise.allSettled(before).then(() => work(body, parsed)) : work(body, parsed);
    const tail = run.catch(() => {});
    for (const s of senders) tails.set(s, tail);
    return run;
  });
}
