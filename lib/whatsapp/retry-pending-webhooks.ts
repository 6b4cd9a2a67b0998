// The safety net for stored bodies (docs/behaviour.md#the-domain: nothing received is lost): the sweep
// shares the ingest queue (webhook-queue.ts) with the workers — bodies still
// `received` (a crash, or no worker on this instance) and those whose processing
// failed, retried with a backoff that grows with their attempts; then the items of
// processed bodies that were kept aside and can now be used (retry-parked-items.ts).
import type { Db } from "@/db/client";
import { withRequestId } from "@/db/request-context";
import { sweepMediaInBackground } from "@/lib/media/download-media";
import { graphConfigFromEnv, type GraphConfig } from "./graph-config";
import { announceWelcome, followUp, type IngestOptions } from "./ingest";
import { retryParkedItems, type ParkedRetention } from "./retry-parked-items";
import { processWebhookBatch } from "./webhook-queue";
import { sweepWelcomes } from "./welcome-message";

export type RetryOptions = Partial<IngestOptions> & {
  /** Wait after a failed attempt: doubles with each attempt, up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Bodies per sweep, oldest first (one contact's in order); the next sweep takes the rest. */
  limit?: number;
  /** How long parked items (webhook_items) are kept trying. */
  parked?: ParkedRetention;
  /**
   * The welcome outbox and the media downloads too (default). The ingest thread runs
   * them as jobs of their own (lib/runtime/jobs.ts), so that one failing never stops another.
   */
  outboxAndMedia?: boolean;
};

const SWEEP_BATCH = 20;

/** Reprocesses the bodies that are due; returns how many of them are now processed. */
export async function retryPendingWebhooks(db: Db, options: RetryOptions = {}): Promise<number> {
  const { baseBackoffMs = 5_000, maxBackoffMs = 10 * 60_000, limit = 50 } = options;
  const ingest: IngestOptions = { graph: options.graph ?? graphConfigFromEnv(), onConversationOpened: options.onConversationOpened, onEnteredQueue: options.onEnteredQueue };

  let processed = 0;
  const outboxAndMedia = options.outboxAndMedia ?? true;
  // Welcomes a crash interrupted (or never began) first: they are what a contact waits for.
  if (outboxAndMedia) await sweepWelcomes(db, ingest.graph, { onDelivered: announceWelcome });
  // A batch at a time: the sweep is background work and should not crowd the pool that
  // live webhooks need.
  for (let taken = 0; taken < limit; ) {
    const batch = await processWebhookBatch(db, { limit: Math.min(SWEEP_BATCH, limit - taken), baseBackoffMs, maxBackoffMs });
    if (batch.outcomes.length === 0) break;
    taken += batch.outcomes.length;
    processed += batch.outcomes.filter((o) => o.outcome === "processed").length;
    const follow = () => followUp(db, batch.result, ingest, "webhook bodies");
    await (batch.requestId ? withRequestId(batch.requestId, follow) : follow());
  }
  // Then the items kept aside from processed bodies that can now be used.
  const parked = await retryParkedItems(db, options.parked);
  if (parked.messages.length + parked.statusUpdates.length > 0) await followUp(db, parked, ingest, "parked webhook items");
  // Media downloads a crash interrupted, or that failed and are due again.
  if (outboxAndMedia) sweepMediaInBackground(db, ingest.graph);
  return processed;
}

/** Welcomes (and menus) a crash interrupted, never began, or that failed and are due again; each announced. */
export function sweepWelcomeOutbox(db: Db, graph: GraphConfig = graphConfigFromEnv()) {
  return sweepWelcomes(db, graph, { onDelivered: announceWelcome });
}
