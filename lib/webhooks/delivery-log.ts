// An endpoint's delivery log, newest first and paged (managers), and replaying one of its
// deliveries: a new delivery (its own X-Fila-Delivery) of the same event (the same body,
// whose `id` is the event's), queued behind that conversation's pending ones
// (docs/behaviour.md#outgoing-webhooks).
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookDeliveryState, type WebhookDelivery } from "@/db/schema";
import { requireManager } from "@/lib/auth/permissions";
import { parseId, parseInput, UserError } from "@/lib/errors";
import { readEndpoint, type MaybeActor } from "./endpoints";
import { deliveriesQuery, deliveryUuidSchema, type DeliveriesQuery } from "./schemas";

const instant = z.string().meta({ format: "date-time" });
/** One delivery as the log shows it; times are ISO strings. */
export const webhookDeliveryAnswer = z
  .object({
    id: z.int().min(1),
    deliveryId: z.uuid().describe("X-Fila-Delivery"),
    event: z.string(),
    state: z.enum(webhookDeliveryState.enumValues),
    attempts: z.int().min(0),
    nextAttemptAt: instant,
    lastStatus: z.int().nullable(),
    lastResponse: z.string().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: instant.nullable(),
    deliveredAt: instant.nullable(),
    createdAt: instant,
    replayOf: z.uuid().nullable().describe("The delivery whose event this one replays"),
  })
  .meta({ id: "WebhookDelivery" });
export const deliveryPageAnswer = z
  .object({ items: z.array(webhookDeliveryAnswer), nextCursor: z.string().nullable().describe("Pass as ?cursor= for the older ones; null on the last page") })
  .meta({ id: "WebhookDeliveryPage" });
export const deliveryReplayedAnswer = z.object({ delivery: webhookDeliveryAnswer });

export type DeliveryView = z.output<typeof webhookDeliveryAnswer>;

const columns = {
  id: webhookDeliveries.id,
  deliveryId: webhookDeliveries.deliveryId,
  event: webhookDeliveries.event,
  state: webhookDeliveries.state,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatus: webhookDeliveries.lastStatus,
  lastResponse: webhookDeliveries.lastResponse,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
  replayOf: webhookDeliveries.replayOf,
};
type Row = Pick<WebhookDelivery, keyof typeof columns>;

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
function viewOf(row: Row): DeliveryView {
  return { ...row, nextAttemptAt: row.nextAttemptAt.toISOString(), lastAttemptAt: iso(row.lastAttemptAt), deliveredAt: iso(row.deliveredAt), createdAt: row.createdAt.toISOString() };
}

/** A page of the endpoint's deliveries, newest first: `nextCursor` (opaque) asks for the page after it. */
export async function listWebhookDeliveries(db: Db, actor: MaybeActor, id: unknown, query: DeliveriesQuery = {}): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  const { cursor, limit } = parseInput(deliveriesQuery, query);
  await readEndpoint(db, webhookId);
  const rows = await db
    .select(columns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, webhookId), cursor === undefined ? undefined : lt(webhookDeliveries.id, Number(cursor))))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(viewOf), nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null };
}

/** Queues the event of one of this endpoint's deliveries again, as a new delivery (201). */
export async function replayWebhookDelivery(db: Db, actor: MaybeActor, id: unknown, deliveryId: unknown): Promise<{ delivery: DeliveryView }> {
  requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  const uuid = parseInput(z.object({ deliveryId: deliveryUuidSchema }), { deliveryId }).deliveryId;
  await readEndpoint(db, webhookId);
  const [copy] = await db.execute<{ id: number }>(sql`
    INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event, payload, request_id, conversation_id, replay_of)
    SELECT gen_random_uuid(), d.endpoint_id, d.event, d.payload, nullif(current_setting('fila.request_id', true), ''), d.conversation_id, d.delivery_id
      FROM webhook_deliveries d
     WHERE d.endpoint_id = ${webhookId} AND d.delivery_id = ${uuid}
    RETURNING id`);
  if (!copy) throw new UserError("not_found", "This endpoint has no such delivery.");
  const [row] = await db.select(columns).from(webhookDeliveries).where(eq(webhookDeliveries.id, copy.id));
  return { delivery: viewOf(row!) };
}
