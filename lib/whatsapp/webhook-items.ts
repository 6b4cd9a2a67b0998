// Items of a webhook body that Fila could not use when they came (docs/behaviour.md#whatsapp): kept in
// webhook_items with their reason instead of refusing, holding back or losing the rest
// of the body. Parked items (a number Fila does not have yet, a status whose message id
// is not known yet) are tried again; the others are kept as evidence.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { webhookItems } from "@/db/schema";

export type ItemKind = "message" | "status" | "entry" | "change";

export type ItemReason =
  /** The entry's phone_number_id is no channel of Fila's (yet): retried when one is added. */
  | "unknown_channel"
  /** A status for a message id Fila has not recorded (yet): applied when it is. */
  | "unknown_message"
  /** A required field is missing or malformed: kept, never retried. */
  | "invalid"
  /** A note about a contact who has no conversation on this number: nothing to show it in. */
  | "no_conversation"
  /** A reaction, edit or deletion of a message Fila does not have, with no conversation to join. */
  | "unknown_target"
  /** Storing it failed unexpectedly: retried a few times, the rest of the body unaffected. */
  | "failed";

const RETRIED: ReadonlySet<ItemReason> = new Set(["unknown_channel", "unknown_message", "failed"]);

export type ParkedItem = {
  kind: ItemKind;
  reason: ItemReason;
  detail: string;
  item: Record<string, unknown>;
  /** Unique per item: a redelivered body parks nothing twice. Derived from the item when not given. */
  key?: string;
  phoneNumberId?: string | null;
  waMessageId?: string | null;
};

/** Keeps an item with its reason; returns the line the body's notes get. */
export async function parkItem(db: Queryable, webhookEventId: number, parked: ParkedItem): Promise<string> {
  const key = parked.key ?? `sha256:${createHash("sha256").update(JSON.stringify(parked.item)).digest("hex")}`;
  await db
    .insert(webhookItems)
    .values({
      webhookEventId,
      kind: parked.kind,
      itemKey: key,
      reason: parked.reason,
      detail: parked.detail,
      state: RETRIED.has(parked.reason) ? "parked" : parked.reason === "invalid" ? "invalid" : "ignored",
      phoneNumberId: parked.phoneNumberId ?? null,
      waMessageId: parked.waMessageId ?? null,
      item: parked.item,
    })
    .onConflictDoNothing({ target: [webhookItems.kind, webhookItems.itemKey] });
  return `${parked.kind} kept (${parked.reason}): ${parked.detail}`;
}

/** Marks a parked item done (applied) or no longer worth trying (expired). */
export async function resolveItem(db: Queryable, id: number, state: "applied" | "expired"): Promise<void> {
  await db.execute(sql`
    UPDATE webhook_items SET state = ${state}, resolved_at = now(), attempts = attempts + 1, last_tried_at = now()
     WHERE id = ${id} AND state = 'parked'`);
}
