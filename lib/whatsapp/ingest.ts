// What happens to a stored webhook body: processing (one transaction), then, outside
// it, the realtime signals, distribution of the conversations it opened and their
// welcome messages. The ingest worker (lib/inbound/ingest-worker.ts) and the sweep do
// this for batches of bodies (webhook-queue.ts); ingestWebhookEvent for one body.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { downloadMediaOfMessages } from "@/lib/media/download-media";
import { announce } from "@/lib/realtime/announce";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import type { GraphConfig } from "./graph-config";
import { processWebhookEvent, type ProcessedWebhook, type ProcessOutcome } from "./process-webhook-event";
import { deliverAutomaticMessages, type WelcomeDelivery } from "./welcome-message";

export type IngestOptions = {
  graph: GraphConfig;
  /**
   * Hands a conversation this body opened to distribution (the route wires it to the
   * engine, which lib/whatsapp does not know). Without it, the queue sweep assigns it.
   */
  onConversationOpened?: (conversationId: number) => Promise<void>;
  /**
   * After distribution and the automatic messages: the groups conversations entered
   * (the place in line, docs/behaviour.md#place-in-line, told by lib/inbound). Without it, the sweep tells.
   */
  onEnteredQueue?: (groupIds: number[]) => Promise<unknown>;
};

/** Never rejects: a failure is recorded on the event (and retried) or logged. */
export async function ingestWebhookEvent(db: Db, eventId: number, options: IngestOptions): Promise<ProcessOutcome> {
  let outcome: ProcessOutcome;
  try {
    outcome = await processWebhookEvent(db, eventId);
  } catch (error) {
    // Even marking it failed did not work (database gone): the sweep finds it `received`.
    console.error(`[fila] webhook event ${eventId} could not be processed:`, error);
    return { outcome: "failed", eventId, error: String(error) };
  }
  if (outcome.outcome === "processed") await followUp(db, outcome.result, options, `webhook event ${eventId}`);
  return outcome;
}

/** What follows stored messages and statuses: the realtime signals, distribution and welcome of the conversations opened. */
/**
 * Signals, media downloads, distribution, then the automatic messages. `deliverLater`
 * takes the automatic messages' delivery instead of waiting for it here (the ingest
 * worker: Meta's answer is no reason to hold the next batch; the outbox keeps them).
 */
export async function followUp(db: Db, result: ProcessedWebhook, options: IngestOptions, what: string, deliverLater?: (delivery: Promise<void>) => Promise<void>): Promise<void> {
  try {
    announce(...signalsOf(result));
  } catch (error) {
    // Stored is what matters; open tabs catch up on their next refetch.
    console.error(`[fila] signals of ${what} were not published:`, error);
  }
  // Media files download in the background: a conversation does not wait on a 100 MB video.
  void downloadMediaOfMessages(
    db,
    options.graph,
    result.messages.map((m) => m.messageId),
  );
  // Routed by the entry menu: into its group's queue, as if it had just opened there.
  const entered = [...result.openedConversations, ...result.routing.filter((r) => r.routed)];
  if (entered.length === 0 && result.routing.length === 0) return;
  // Distribution first: an agent gets the conversation without waiting on Meta. One
  // route per group: a decision takes the group's oldest queued conversation and goes
  // on while more are queued, so it drains every conversation of the group opened here.
  const onePerGroup = new Map<number, number>();
  for (const c of entered) if (!onePerGroup.has(c.groupId)) onePerGroup.set(c.groupId, c.conversationId);
  await Promise.all([...onePerGroup.values()].map((conversationId) => distribute(conversationId, options)));
  // Then what the contact is sent (welcome, menu, asked again, out of hours).
  const speaking = [...result.openedConversations.filter((c) => c.speaks), ...result.routing];
  const delivery = Promise.all(speaking.map((c) => deliverAutomatic(db, c.conversationId, options))).then(() => enteredQueue([...onePerGroup.keys()], options));
  await (deliverLater ? deliverLater(delivery) : delivery);
}

async function enteredQueue(groupIds: number[], options: IngestOptions) {
  if (groupIds.length === 0 || !options.onEnteredQueue) return;
  try {
    await options.onEnteredQueue(groupIds);
  } catch (error) {
    console.error(`[fila] place in line of groups ${groupIds.join(", ")} failed (the sweep will retry):`, error);
  }
}

/** Distribution of a conversation that entered a queue, then its automatic messages (the sweep's menu timeouts). */
export async function afterOpened(db: Db, conversationId: number, options: IngestOptions) {
  await distribute(conversationId, options);
  await deliverAutomatic(db, conversationId, options);
  const [row] = await db.execute<{ groupId: number }>(sql`SELECT group_id AS "groupId" FROM conversations WHERE id = ${conversationId}`);
  if (row) await enteredQueue([row.groupId], options);
}

async function distribute(conversationId: number, options: IngestOptions) {
  try {
    await options.onConversationOpened?.(conversationId);
  } catch (error) {
    console.error(`[fila] distribution of conversation ${conversationId} failed (the sweep will retry):`, error);
  }
}

async function deliverAutomatic(db: Db, conversationId: number, options: IngestOptions) {
  try {
    for (const delivery of await deliverAutomaticMessages(db, conversationId, options.graph)) announceWelcome(delivery);
  } catch (error) {
    // The outbox keeps it: the sweep delivers it.
    console.error(`[fila] automatic messages of conversation ${conversationId} failed (the sweep will retry):`, error);
  }
}

/** Tells the tabs about a welcome that was stored (sent or not). */
export function announceWelcome(delivery: WelcomeDelivery | null) {
  if (!delivery || delivery.outcome === "skipped") return;
  const { target, messageId } = delivery;
  if (delivery.outcome === "failed") {
    console.warn(`[fila] welcome message of conversation ${target.conversationId} failed${delivery.willRetry ? " (will retry)" : ""}: ${delivery.error.message}`);
  }
  announce({ type: "message.created", conversationId: target.conversationId, groupId: target.groupId, assigneeId: target.assigneeId, messageId, direction: "out" });
}

function signalsOf(result: ProcessedWebhook): RealtimeSignal[] {
  return [
    ...result.openedConversations.map(
      (c): RealtimeSignal => ({
        type: "conversation.changed",
        conversationId: c.conversationId,
        groupId: c.groupId,
        status: "queued",
        assigneeId: null,
        previousAssigneeId: null,
        actorId: null,
        kind: "opened",
      }),
    ),
    ...result.routing.map(
      (r): RealtimeSignal => ({
        type: "conversation.changed",
        conversationId: r.conversationId,
        groupId: r.groupId,
        status: r.routed ? "queued" : "routing",
        assigneeId: null,
        previousAssigneeId: null,
        actorId: null,
        kind: "route",
      }),
    ),
    ...result.messages.map((m): RealtimeSignal => ({ type: "message.created", ...m })),
    ...result.statusUpdates.map((s): RealtimeSignal => ({ type: "message.status", ...s })),
  ];
}
