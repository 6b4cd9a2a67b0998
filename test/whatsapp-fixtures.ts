// What the WhatsApp tests share: the demo numbers, a fast Graph config aimed at the fake
// Graph API, and delivering a body the way the route does (sign, store, process).
import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { UserError } from "@/lib/errors";
import type { FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { ingestWebhookEvent, type IngestOptions } from "@/lib/whatsapp/ingest";
import { receiveWebhook } from "@/lib/whatsapp/receive-webhook";
import { signBody } from "@/lib/whatsapp/signature";
import type { WebhookNotificationInput } from "@/lib/whatsapp/webhook-notification";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

export const TEST_APP_SECRET = "test-app-secret";

/** Seeded by seedDemoData: Vendas has a welcome message, Suporte has none. */
export const VENDAS = { phoneNumberId: "100000000000001", displayPhoneNumber: "+55 11 4000-0001" };
export const SUPORTE = { phoneNumberId: "100000000000002", displayPhoneNumber: "+55 11 4000-0002" };

export function testGraphConfig(fake: FakeGraph, retry: Partial<GraphConfig["retry"]> = {}): GraphConfig {
  return {
    baseUrl: fake.url,
    version: "v27.0",
    fallbackAccessToken: "test-access-token",
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, ...retry },
    timeoutMs: 5_000,
  };
}

/** A Brazilian mobile number nobody else in the test uses. */
export function newWaId(): string {
  return `55119${randomInt(10_000_000, 99_999_999)}`;
}

export async function deliver(db: Db, body: string | WebhookNotificationInput, options: IngestOptions) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const receipt = await receiveWebhook(db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });
  if (!receipt.accepted) throw new Error(`refused: ${receipt.error}`);
  return ingestWebhookEvent(db, receipt.eventId, options);
}

export async function countRows(db: Db, table: "messages" | "conversations" | "contacts" | "webhook_events"): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return row!.n;
}

/** The UserError a promise rejects with, or null when it resolves. */
export const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as UserError);

/** A Suporte conversation whose contact wrote `text` `minutesAgo` (its 24-hour window), assigned to `assigneeId` when given. */
export async function suporteConversation(
  db: Db,
  graph: GraphConfig,
  { minutesAgo = 1, text = "Oi", assigneeId }: { minutesAgo?: number; text?: string; assigneeId?: number } = {},
): Promise<{ conversationId: number; waId: string }> {
  const waId = newWaId();
  const timestamp = String(Math.floor(Date.now() / 1000) - minutesAgo * 60);
  const outcome = await deliver(db, messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text(text), { timestamp })]), { graph });
  if (outcome.outcome !== "processed") throw new Error("not processed");
  const conversationId = outcome.result.messages[0]!.conversationId;
  if (assigneeId !== undefined) {
    await db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${assigneeId}, assigned_at = now() WHERE id = ${conversationId}`);
  }
  return { conversationId, waId };
}
