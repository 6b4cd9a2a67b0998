// Delivery statuses of outbound messages (sent, delivered, read, failed). Meta delivers
// them late, twice and out of order, so a status only ever moves forward.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { conversations, messages, type Message } from "@/db/schema";
import { unixSecondsToDate, type WebhookStatus } from "./webhook-notification";

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
  | { applied: false; note: string };

const timestampColumn = { sent: "sentAt", delivered: "deliveredAt", read: "readAt", failed: "failedAt" } as const;

/** Applies one reported status to the outbound message it names, idempotently. */
export async function applyDeliveryStatus(tx: Tx, report: WebhookStatus): Promise<AppliedStatus> {
  if (!isReportedStatus(report.status)) return { applied: false, note: `ignored status "${report.status}" of ${report.id}` };
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
  // Statuses also come for messages sent from another tool on the same number.
  if (!message) return { applied: false, note: `status "${report.status}" for unknown message ${report.id}` };

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
  return { applied: true, changed: next !== message.status, ...target, status: next };
}

function failureOf(report: WebhookStatus): Record<string, unknown> {
  const [first, ...more] = report.errors ?? [];
  return { ...(first ?? { message: "WhatsApp reported the message as failed" }), ...(more.length > 0 && { more }) };
}
