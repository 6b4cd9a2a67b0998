// Processing of one stored webhook body, in one transaction: all of its messages and
// statuses are stored, or none are and the body is marked failed, to be retried.
// Returns what happened; announcing it and what follows (distribution, the welcome
// message) are the caller's, outside the transaction (ingest.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { applyDeliveryStatus, type DeliveryState } from "./delivery-status";
import { storeInboundMessages } from "./store-inbound-message";
import { enqueueWelcome } from "./welcome-message";
import { isMessagesChange, parseNotification } from "./webhook-notification";

type ConversationRef = { conversationId: number; groupId: number; assigneeId: number | null };

export type ProcessedWebhook = {
  openedConversations: ConversationRef[];
  messages: (ConversationRef & { messageId: number; direction: "in" })[];
  statusUpdates: (ConversationRef & { messageId: number; status: DeliveryState })[];
  /** What was received but had nothing to act on (statuses of unknown messages, …). */
  notes: string[];
};

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
      const parsed = parseNotification(event.rawBody);
      if (!parsed.ok) throw new Error(parsed.error);

      const processed: ProcessedWebhook = { openedConversations: [], messages: [], statusUpdates: [], notes: [] };
      for (const entry of parsed.notification.entry) {
        for (const change of entry.changes) {
          if (!isMessagesChange(change)) {
            processed.notes.push(`ignored change of field "${change.field}"`);
            continue;
          }
          for (const stored of await storeInboundMessages(tx, change.value)) {
            const { opened, messageId, ...conversation } = stored;
            if (opened) {
              processed.openedConversations.push(conversation);
              // The welcome is durable work from this transaction on (welcome-message.ts).
              await enqueueWelcome(tx, conversation.conversationId, messageId);
            }
            processed.messages.push({ ...conversation, messageId, direction: "in" });
          }
          for (const report of change.value.statuses ?? []) {
            const applied = await applyDeliveryStatus(tx, report);
            if (!applied.applied) processed.notes.push(applied.note);
            else if (applied.changed) {
              const { messageId, conversationId, groupId, assigneeId, status } = applied;
              processed.statusUpdates.push({ messageId, conversationId, groupId, assigneeId, status });
            }
          }
        }
      }
      await tx
        .update(webhookEvents)
        .set({
          outcome: "processed",
          attempts: sql`${webhookEvents.attempts} + 1`,
          processedAt: sql`now()`,
          // The table has no notes column: a processed body's `error` holds its notes.
          error: processed.notes.length > 0 ? processed.notes.join("\n") : null,
        })
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
