// Processing of one stored webhook body, in one transaction, item by item (docs/behaviour.md#whatsapp):
// each entry, change, message and status is validated and stored on its own, in its own
// savepoint. An item Fila cannot use (a number it does not have, a status for a message
// id it has not recorded yet, a missing field) is kept in webhook_items with its reason
// and the rest of the body goes on; parked items are tried again later
// (retry-parked-items.ts). Only when the database itself fails is the body marked
// failed, to be retried whole. Returns what happened; announcing it and what follows
// (distribution, the welcome message) are the caller's, outside the transaction.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { type Channel, webhookEvents } from "@/db/schema";
import { applyDeliveryStatus, lockMessageId, type DeliveryState } from "./delivery-status";
import { findChannel, messageItem, storeInboundMessage, type MessageContext } from "./store-inbound-message";
import { parkItem, type ParkedItem } from "./webhook-items";
import { describeIssues, messagesValueSchema, parseNotification, webhookEntrySchema, webhookStatusSchema, type ParsedNotification } from "./webhook-notification";
import { routeInboundMessage, type ArrivalCache, type RoutingOutcome } from "@/lib/routing/route-conversation";

type ConversationRef = { conversationId: number; groupId: number; assigneeId: number | null };

export type ProcessedWebhook = {
  /** `speaks`: an automatic message (welcome, menu, out of hours) was queued for it; none: nothing to deliver. */
  openedConversations: (ConversationRef & { speaks: boolean })[];
  messages: (ConversationRef & { messageId: number; direction: "in" })[];
  statusUpdates: (ConversationRef & { messageId: number; status: DeliveryState })[];
  /** Entry-menu steps (docs/behaviour.md#entry-menu): conversations routed into a group, or asked again. */
  routing: RoutingOutcome[];
  /** What was received but not used (kept items with their reasons, ignored changes). */
  notes: string[];
};

export const emptyResult = (): ProcessedWebhook => ({ openedConversations: [], messages: [], statusUpdates: [], routing: [], notes: [] });

export type ProcessOutcome =
  | { outcome: "processed"; eventId: number; result: ProcessedWebhook }
  | { outcome: "failed"; eventId: number; error: string }
  /** Already processed, refused at the door, or being processed right now by someone else. */
  | { outcome: "skipped"; eventId: number };

export async function processWebhookEvent(db: Db, eventId: number): Promise<ProcessOutcome> {
  try {
    const result = await db.transaction(async (tx) => {
      const [event] = await tx
        .select({ rawBody: webhookEvents.rawBody })
        .from(webhookEvents)
        .where(and(eq(webhookEvents.id, eventId), inArray(webhookEvents.outcome, ["received", "failed"])))
        .for("update", { skipLocked: true });
      if (!event) return null;
      const processed = await processBody(tx, eventId, event.rawBody);
      await tx
        .update(webhookEvents)
        .set({ outcome: "processed", attempts: sql`${webhookEvents.attempts} + 1`, processedAt: sql`now()`, error: notesOf(processed) })
        .where(eq(webhookEvents.id, eventId));
      return processed;
    });
    return result ? { outcome: "processed", eventId, result } : { outcome: "skipped", eventId };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[fila] webhook event ${eventId} failed, will retry: ${message}`);
    await db
      .update(webhookEvents)
      // processed_at dates the last attempt, for the retry backoff.
      .set({ outcome: "failed", attempts: sql`${webhookEvents.attempts} + 1`, processedAt: sql`now()`, error: message })
      // Someone else may have processed it meanwhile: never overwrite their success.
      .where(and(eq(webhookEvents.id, eventId), inArray(webhookEvents.outcome, ["received", "failed"])));
    return { outcome: "failed", eventId, error: message };
  }
}

/** The table has no notes column: a processed body's `error` holds its notes. */
export const notesOf = (processed: ProcessedWebhook): string | null => (processed.notes.length > 0 ? processed.notes.join("\n") : null);

/**
 * The effects of one stored body, item by item, inside the caller's transaction (which
 * holds the body's row locked and marks it processed). Throws only when the database
 * itself fails.
 */
export async function processBody(
  tx: Tx,
  eventId: number,
  rawBody: string,
  scope: ItemScope = itemScope(),
  parsed: ParsedNotification = parseNotification(rawBody),
): Promise<ProcessedWebhook> {
  if (!parsed.ok) throw new Error(parsed.error);
  const processed = emptyResult();
  for (const [index, rawEntry] of parsed.notification.entry.entries()) {
    const entry = webhookEntrySchema.safeParse(rawEntry);
    if (!entry.success) {
      processed.notes.push(await parkItem(tx, eventId, { kind: "entry", reason: "invalid", detail: `entry ${index}: ${describeIssues(entry.error)}`, item: asObject(rawEntry) }));
      continue;
    }
    for (const change of entry.data.changes) {
      if (change.field !== "messages") {
        processed.notes.push(`ignored change of field "${change.field}"`);
        continue;
      }
      await processMessagesChange(tx, eventId, change.value, processed, scope);
    }
  }
  return processed;
}

/**
 * The channels a batch's bodies write to, looked up once per batch (by phone-number id):
 * the lookup itself is kept, so bodies processed side by side share the one in flight.
 */
export type ChannelCache = Map<string, Promise<Channel | null>>;

/** How the items of a body (or of a batch of bodies) are taken. */
export type ItemScope = {
  channels: ChannelCache;
  /** The groups' business hours, for the welcome or out-of-hours message of what opens. */
  groups: ArrivalCache;
  /**
   * Each item in a savepoint of its own: one that fails is kept aside with its reason and
   * the body goes on. A batch of bodies runs without them (two round trips less per
   * item): an item that fails then fails the batch, whose bodies are taken again one by
   * one, with savepoints (webhook-queue.ts).
   */
  savepoints: boolean;
};

export const itemScope = (savepoints = true): ItemScope => ({ channels: new Map(), groups: new Map(), savepoints });

async function processMessagesChange(tx: Tx, eventId: number, rawValue: unknown, processed: ProcessedWebhook, scope: ItemScope) {
  const { channels } = scope;
  const value = messagesValueSchema.safeParse(rawValue);
  if (!value.success) {
    processed.notes.push(await parkItem(tx, eventId, { kind: "change", reason: "invalid", detail: `messages change: ${describeIssues(value.error)}`, item: asObject(rawValue) }));
    return;
  }
  const { metadata, contacts = [], messages = [], statuses = [] } = value.data;
  const context: MessageContext = { phoneNumberId: metadata.phone_number_id, displayPhoneNumber: metadata.display_phone_number, contacts };
  let channel: Channel | null = null;
  if (messages.length > 0) {
    let lookup = channels.get(metadata.phone_number_id);
    if (!lookup) channels.set(metadata.phone_number_id, (lookup = findChannel(tx, metadata.phone_number_id)));
    channel = await lookup;
  }
  for (const raw of messages) await handleMessage(tx, eventId, channel, context, raw, processed, scope);
  for (const raw of statuses) await handleStatus(tx, eventId, raw, processed, scope);
}

/** Runs an item's work in a savepoint of its own, or straight in the batch's transaction. */
const itemWork = <T>(tx: Tx, scope: ItemScope, work: (sp: Tx) => Promise<T>): Promise<T> => (scope.savepoints ? tx.transaction(work) : work(tx));

/** One message, in a savepoint: an error in it is kept with the item, not the body's. Returns whether it is done with. */
export async function handleMessage(
  tx: Tx,
  eventId: number,
  channel: Channel | null,
  context: MessageContext,
  raw: unknown,
  processed: ProcessedWebhook,
  scope: ItemScope = itemScope(),
): Promise<boolean> {
  let parked: ParkedItem | null = null;
  try {
    const outcome = await itemWork(tx, scope, async (sp) => {
      const stored = await storeInboundMessage(sp, channel, context, raw);
      // The welcome (or the entry menu) is durable work from this transaction on
      // (welcome-message.ts); an answer to the menu routes the conversation here too.
      const entry = stored.kind === "stored" && stored.stored.authorType === "contact" ? await routeInboundMessage(sp, stored.stored, scope.groups) : null;
      return { stored, entry };
    });
    const { stored, entry } = outcome;
    if (stored.kind === "parked") parked = stored.parked;
    if (stored.kind === "stored") {
      const { opened, messageId, conversationId, groupId, assigneeId } = stored.stored;
      const conversation = { conversationId, groupId, assigneeId };
      if (opened) processed.openedConversations.push({ ...conversation, speaks: entry?.speaks ?? false });
      processed.messages.push({ ...conversation, messageId, direction: "in" });
    }
    if (entry?.routing) processed.routing.push(entry.routing);
  } catch (error) {
    // Without a savepoint the transaction is lost: the batch is taken again body by body.
    if (!scope.savepoints) throw error;
    parked = failedItem("message", raw, error, context);
  }
  if (!parked) return true;
  processed.notes.push(await parkItem(tx, eventId, parked));
  return parked.reason !== "unknown_channel" && parked.reason !== "failed";
}

/** One status; one whose message id is not recorded yet is kept, to apply when it is. */
export async function handleStatus(tx: Tx, eventId: number, raw: unknown, processed: ProcessedWebhook, scope: ItemScope = itemScope()): Promise<boolean> {
  const report = webhookStatusSchema.safeParse(raw);
  if (!report.success) {
    processed.notes.push(await parkItem(tx, eventId, { kind: "status", reason: "invalid", detail: `status: ${describeIssues(report.error)}`, item: asObject(raw) }));
    return true;
  }
  let parked: ParkedItem | null = null;
  try {
    const applied = await itemWork(tx, scope, async (sp) => {
      await lockMessageId(sp, report.data.id);
      return applyDeliveryStatus(sp, report.data);
    });
    if (applied.applied && applied.changed) {
      const { messageId, conversationId, groupId, assigneeId, status } = applied;
      processed.statusUpdates.push({ messageId, conversationId, groupId, assigneeId, status });
    } else if (!applied.applied && !applied.unknownMessage) {
      processed.notes.push(applied.note);
    } else if (!applied.applied) {
      parked = {
        kind: "status",
        reason: "unknown_message",
        detail: `${applied.note}; applied when Fila records that id`,
        key: `${report.data.id}:${report.data.status}`,
        waMessageId: report.data.id,
        item: asObject(raw),
      };
    }
  } catch (error) {
    if (!scope.savepoints) throw error;
    parked = failedItem("status", raw, error, null);
    parked.waMessageId = report.data.id;
  }
  if (!parked) return true;
  processed.notes.push(await parkItem(tx, eventId, parked));
  return false;
}

function failedItem(kind: "message" | "status", raw: unknown, error: unknown, context: MessageContext | null): ParkedItem {
  // PostgreSQL's own words: drizzle wraps them in "Failed query: …" with the parameters,
  // which would copy the contact's text into the log.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  console.warn(`[fila] a webhook ${kind} could not be stored, kept to retry: ${message}`);
  const item = asObject(raw);
  const id = typeof item.id === "string" ? item.id : undefined;
  return {
    kind,
    reason: "failed",
    detail: `${kind} ${id ?? ""}: ${message}`,
    key: id && (kind === "message" ? id : `${id}:${String(item.status)}`),
    // A message is retried with what it needs besides itself, as an unknown number's is.
    item: context ? messageItem(item, context) : item,
    phoneNumberId: context?.phoneNumberId ?? null,
  };
}

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
