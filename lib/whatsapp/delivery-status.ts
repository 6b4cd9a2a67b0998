// Delivery statuses of outbound messages (sent, delivered, read, failed). Meta delivers
// them late, twice and out of order, so a status only ever moves forward.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { conversations, messages, webhookItems, type Message } from "@/db/schema";
import { WINDOW_CLOSED_CODE } from "./meta-errors";
import { webhookStatusSchema, unixSecondsToDate, type WebhookStatus } from "./webhook-notification";

export type DeliveryState = NonNullable<Message["status"]>;
export type ReportedStatus = Exclude<DeliveryState, "pending">;

const RANK = { pending: 0, sent: 1, delivered: 2, read: 3 } as const;

/**
 * The status a message has after Meta reports `reported`, or null when the report is
 * discarded. pending < sent < delivered < read. `failed` wins over pending and sent
 * only: a message the phone confirmed (delivered, read) did reach the contact, so a
 * failure reported about it is stale. Once failed, a message stays failed (Meta does
 * not resend it), and later reports of delivery contradict that and are discarded.
 */
export function nextDeliveryState(current: DeliveryState | null, reported: ReportedStatus): DeliveryState | null {
  const from = current ?? "pending";
  if (reported === "failed") return from === "pending" || from === "sent" || from === "failed" ? "failed" : null;
  if (from === "failed") return reported === "sent" ? "failed" : null;
  return RANK[reported] >= RANK[from] ? reported : from;
}

const isReportedStatus = (status: string): status is ReportedStatus =>
  status === "sent" || status === "delivered" || status === "read" || status === "failed";

export type AppliedStatus =
  | { applied: true; changed: boolean; messageId: number; conversationId: number; groupId: number; assigneeId: number | null; status: DeliveryState }
  | { applied: false; unknownMessage: boolean; note: string };

/**
 * Serializes, per message id, "a status looks for its message" with "the send records
 * the id and applies the statuses kept for it": whichever comes second sees the first.
 */
export async function lockMessageId(tx: Tx, waMessageId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`wamid:${waMessageId}`}, 0))`);
}

const timestampColumn = { sent: "sentAt", delivered: "deliveredAt", read: "readAt", failed: "failedAt" } as const;

/** Applies one reported status to the outbound message it names, idempotently. */
export async function applyDeliveryStatus(tx: Tx, report: WebhookStatus): Promise<AppliedStatus> {
  if (!isReportedStatus(report.status)) return { applied: false, unknownMessage: false, note: `ignored status "${report.status}" of ${report.id}` };
  const [message] = await tx
    .select({
      id: messages.id,
      status: messages.status,
      conversationId: messages.conversationId,
      groupId: conversations.groupId,
      assigneeId: conversations.assigneeId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(messages.waMessageId, report.id))
    .for("update", { of: messages });
  // Meta's webhook can beat the send's answer; statuses also come for messages sent from
  // another tool on the same number. The caller keeps the status for later.
  if (!message) return { applied: false, unknownMessage: true, note: `status "${report.status}" for unknown message ${report.id}` };

  const next = nextDeliveryState(message.status, report.status);
  const target = { messageId: message.id, conversationId: message.conversationId, groupId: message.groupId, assigneeId: message.assigneeId };
  if (next === null) return { applied: true, changed: false, ...target, status: message.status ?? "pending" };

  const column = timestampColumn[report.status];
  const at = unixSecondsToDate(report.timestamp);
  await tx
    .update(messages)
    .set({
      status: next,
      // The first report of each status dates it; a redelivered report changes nothing.
      [column]: sql`COALESCE(${messages[column]}, ${at.toISOString()}::timestamptz)`,
      ...(report.status === "failed" && next === "failed" && { error: sql`COALESCE(${messages.error}, ${JSON.stringify(failureOf(report))}::jsonb)` }),
    })
    .where(eq(messages.id, message.id));
  // WhatsApp refused it because the 24-hour window had closed: so does the reply box.
  if (next === "failed" && report.errors?.some((e) => e.code === WINDOW_CLOSED_CODE)) await closeWindow(tx, message.conversationId);
  return { applied: true, changed: next !== message.status, ...target, status: next };
}

/** Closes the reply box until the contact writes again (Meta said the window is closed). */
export async function closeWindow(tx: Tx, conversationId: number): Promise<void> {
  await tx.update(conversations).set({ windowClosedAt: sql`now()` }).where(eq(conversations.id, conversationId));
}

/**
 * Applies the statuses kept for a message id that has just been recorded (the send's
 * answer came after Meta's webhook). Call with lockMessageId held.
 */
export async function applyParkedStatuses(tx: Tx, waMessageId: string): Promise<AppliedStatus[]> {
  const parked = await tx
    .select({ id: webhookItems.id, item: webhookItems.item })
    .from(webhookItems)
    .where(and(eq(webhookItems.waMessageId, waMessageId), eq(webhookItems.kind, "status"), eq(webhookItems.state, "parked")))
    .orderBy(asc(webhookItems.id))
    .for("update", { skipLocked: true });
  const applied: AppliedStatus[] = [];
  // Oldest report first, as Meta would have had them applied.
  const reports = parked
    .map((row) => ({ row, report: webhookStatusSchema.safeParse(row.item) }))
    .sort((a, b) => Number(a.report.data?.timestamp ?? 0) - Number(b.report.data?.timestamp ?? 0));
  for (const { row, report } of reports) {
    if (report.success) applied.push(await applyDeliveryStatus(tx, report.data));
    await tx.execute(sql`
      UPDATE webhook_items SET state = 'applied', resolved_at = now(), attempts = attempts + 1, last_tried_at = now() WHERE id = ${row.id}`);
  }
  return applied;
}

function failureOf(report: WebhookStatus): Record<string, unknown> {
  const [first, ...more] = report.errors ?? [];
  return { ...(first ?? { message: "WhatsApp reported the message as failed" }), ...(more.length > 0 && { more }) };
}
