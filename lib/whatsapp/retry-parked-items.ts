// Parked webhook items tried again (docs/behaviour.md#whatsapp: kept with its reason and processed again
// when it can be): messages for a number that now has a channel, statuses whose message
// id is now recorded, items whose storing failed. Each item in its own transaction.
// Items past their retention are expired: statuses of messages sent by another tool on
// the same number never find their message.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emptyResult, handleMessage, handleStatus, type ProcessedWebhook } from "./process-webhook-event";
import { findChannel, type MessageContext } from "./store-inbound-message";
import { resolveItem } from "./webhook-items";

export type ParkedRetention = {
  /** A status kept for an unknown message id, this long. */
  statusMs?: number;
  /** A message for a number Fila does not have, this long (Meta itself gives up after 7 days). */
  messageMs?: number;
  /** An item whose storing failed, this many tries. */
  maxFailedAttempts?: number;
  /** Items per sweep, oldest first. */
  limit?: number;
};

const DAY = 24 * 60 * 60 * 1000;

export async function retryParkedItems(db: Db, retention: ParkedRetention = {}): Promise<ProcessedWebhook> {
  const { statusMs = 3 * DAY, messageMs = 30 * DAY, maxFailedAttempts = 10, limit = 100 } = retention;
  const result = emptyResult();

  // Past their time: kept, but no longer tried.
  await db.execute(sql`
    UPDATE webhook_items SET state = 'expired', resolved_at = now()
     WHERE state = 'parked'
       AND ((kind = 'status' AND created_at < now() - make_interval(secs => ${statusMs / 1000}))
         OR (kind = 'message' AND created_at < now() - make_interval(secs => ${messageMs / 1000}))
         OR (reason = 'failed' AND attempts >= ${maxFailedAttempts}))`);

  // Only what can succeed now: a message whose number has a channel, a status whose
  // message id is recorded, anything that failed.
  const due = await db.execute<{ id: number; kind: string; webhook_event_id: number; item: Record<string, unknown> }>(sql`
    SELECT i.id::int AS id, i.kind, i.webhook_event_id::int AS webhook_event_id, i.item FROM webhook_items i
     WHERE i.state = 'parked'
       AND (i.reason = 'failed'
         OR (i.reason = 'unknown_channel' AND EXISTS (SELECT 1 FROM channels c WHERE c.phone_number_id = i.phone_number_id))
         OR (i.reason = 'unknown_message' AND EXISTS (SELECT 1 FROM messages m WHERE m.wa_message_id = i.wa_message_id)))
     ORDER BY i.id
     LIMIT ${limit}`);

  for (const row of due) {
    try {
      await db.transaction(async (tx) => {
        const [locked] = await tx.execute<{ id: number }>(sql`SELECT id FROM webhook_items WHERE id = ${row.id} AND state = 'parked' FOR UPDATE SKIP LOCKED`);
        if (!locked) return;
        let done: boolean;
        if (row.kind === "message") {
          const { message, contacts, metadata } = row.item as { message: unknown; contacts?: unknown[]; metadata?: { phone_number_id?: string; display_phone_number?: string } };
          const phoneNumberId = metadata?.phone_number_id ?? "";
          const context: MessageContext = { phoneNumberId, displayPhoneNumber: metadata?.display_phone_number, contacts: contacts ?? [] };
          done = await handleMessage(tx, row.webhook_event_id, await findChannel(tx, phoneNumberId), context, message, result);
        } else {
          done = await handleStatus(tx, row.webhook_event_id, row.item, result);
        }
        if (done) await resolveItem(tx, row.id, "applied");
        else await tx.execute(sql`UPDATE webhook_items SET attempts = attempts + 1, last_tried_at = now() WHERE id = ${row.id}`);
      });
    } catch (error) {
      console.error(`[fila] parked webhook item ${row.id} could not be retried:`, error);
    }
  }
  return result;
}
