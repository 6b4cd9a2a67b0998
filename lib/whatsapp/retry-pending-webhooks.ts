// The safety net for stored bodies (SPEC §2: nothing received is lost): those left
// `received` by a crash between storing and processing, and those whose processing
// failed, retried with a backoff that grows with their attempts; then the items of
// processed bodies that were kept aside and can now be used (retry-parked-items.ts).
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sweepMediaInBackground } from "@/lib/media/download-media";
import { graphConfigFromEnv } from "./graph-config";
import { announceWelcome, followUp, ingestWebhookEvent, type IngestOptions } from "./ingest";
import { retryParkedItems, type ParkedRetention } from "./retry-parked-items";
import { sweepWelcomes } from "./welcome-message";

export type RetryOptions = Partial<IngestOptions> & {
  /** A body still `received` this long after it arrived has lost its processor. */
  staleAfterMs?: number;
  /** Wait after a failed attempt: doubles with each attempt, up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Bodies per sweep, oldest first; the next sweep takes the rest. */
  limit?: number;
  /** How long parked items (webhook_items) are kept trying. */
  parked?: ParkedRetention;
};

/** Reprocesses the bodies that are due; returns how many of them are now processed. */
export async function retryPendingWebhooks(db: Db, options: RetryOptions = {}): Promise<number> {
  const { staleAfterMs = 5_000, baseBackoffMs = 5_000, maxBackoffMs = 10 * 60_000, limit = 50 } = options;
  const ingest: IngestOptions = { graph: options.graph ?? graphConfigFromEnv(), onConversationOpened: options.onConversationOpened };

  const due = await db.execute<{ id: number }>(sql`
    SELECT id::int AS id FROM webhook_events
     WHERE outcome IN ('received', 'failed')
       AND CASE outcome
             WHEN 'received' THEN received_at < now() - make_interval(secs => ${staleAfterMs / 1000})
             ELSE processed_at IS NULL
               OR processed_at < now() - make_interval(secs => least(${baseBackoffMs / 1000} * power(2, greatest(attempts - 1, 0)), ${maxBackoffMs / 1000}))
           END
     ORDER BY received_at, id
     LIMIT ${limit}`);

  let processed = 0;
  // Welcomes a crash interrupted (or never began) first: they are what a contact waits for.
  await sweepWelcomes(db, ingest.graph, { onDelivered: announceWelcome });
  // One at a time, in arrival order: the sweep is background work and should not crowd
  // the pool that live webhooks need.
  for (const { id } of due) {
    const outcome = await ingestWebhookEvent(db, id, ingest);
    if (outcome.outcome === "processed") processed++;
  }
  // Then the items kept aside from processed bodies that can now be used.
  const parked = await retryParkedItems(db, options.parked);
  if (parked.messages.length + parked.statusUpdates.length > 0) await followUp(db, parked, ingest, "parked webhook items");
  // Media downloads a crash interrupted, or that failed and are due again.
  sweepMediaInBackground(db, ingest.graph);
  return processed;
}
