// The ingest worker in its own thread (ingest-thread.ts): the thread loads the app's
// TypeScript, processes what the route stored when woken, and its signals reach the main
// thread's publisher; stopping it finishes the batches in flight and ends the thread.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureSignals } from "@/lib/realtime/publish";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { newWaId, SUPORTE, TEST_APP_SECRET } from "@/test/whatsapp-fixtures";
import { receiveWebhook, signBody } from "@/lib/whatsapp";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { startIngestThread } from "./ingest-thread";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  await t.db.execute(sql`UPDATE channel_groups SET welcome_message = NULL`);
  await t.db.execute(sql`UPDATE users SET status = 'online', available_since = now() WHERE role = 'agent'`);
});
afterAll(() => t.drop());

describe("the ingest thread", () => {
  it("processes stored bodies when woken, and its signals are published on the main thread", async () => {
    const signals = captureSignals();
    const logged: string[] = [];
    const thread = await startIngestThread(
      { runtime: { DATABASE_URL: t.url, NEXTAUTH_SECRET: "ingest-thread-test-secret-0123456789" }, concurrency: 2, batchSize: 5, pollMs: 60_000, sweepMs: 60_000 },
      (message) => logged.push(message),
    );
    const waIds = Array.from({ length: 12 }, () => newWaId());
    try {
      for (const waId of waIds) {
        const raw = JSON.stringify(messagesNotification(SUPORTE, [{ waId, name: `T ${waId}` }], [inboundMessage(waId, content.text("via the thread"))]));
        await receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });
      }
      thread.wake();
      const assigned = async () =>
        (await t.db.execute<{ n: number }>(sql`
          SELECT count(*)::int AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id
           WHERE k.wa_id IN ${waIds} AND c.status = 'assigned'`))[0]!.n;
      await expect.poll(assigned, { timeout: 60_000, interval: 200 }).toBe(12);
      const [left] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_events WHERE outcome <> 'processed'`);
      expect(left!.n).toBe(0);
      // Each message and each assignment announced through the main thread.
      const ours = new Set(
        (await t.db.execute<{ id: number }>(sql`SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id IN ${waIds}`)).map((r) => r.id),
      );
      const announced = (type: string, status?: string) =>
        new Set(
          signals.flatMap((s) => ("conversationId" in s && s.type === type && ours.has(s.conversationId) && (!status || ("status" in s && s.status === status)) ? [s.conversationId] : [])),
        ).size;
      await expect.poll(() => announced("conversation.changed", "assigned"), { timeout: 30_000 }).toBe(12);
      expect(announced("message.created")).toBe(12);
    } finally {
      await thread.stop();
    }
    expect(logged.filter((l) => l.includes("failed") || l.includes("exited"))).toEqual([]);
  }, 120_000);

  it("sweeps what is due again itself: a message kept aside for an unknown number is stored once the number exists", async () => {
    const number = { phoneNumberId: "100000000000077", displayPhoneNumber: "+55 11 4000-0077" };
    const waId = newWaId();
    const raw = JSON.stringify(messagesNotification(number, [{ waId, name: "Swept" }], [inboundMessage(waId, content.text("swept by the thread"))]));
    await receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });
    const thread = await startIngestThread(
      // The worker never polls here: only the sweep can find the parked item.
      { runtime: { DATABASE_URL: t.url, NEXTAUTH_SECRET: "ingest-thread-test-secret-0123456789" }, concurrency: 1, batchSize: 5, pollMs: 60_000, sweepMs: 200 },
      () => {},
    );
    const stored = async () => (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE body = 'swept by the thread'`))[0]!.n;
    try {
      thread.wake();
      await expect.poll(async () => (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_items WHERE phone_number_id = ${number.phoneNumberId} AND state = 'parked'`))[0]!.n, { timeout: 60_000 }).toBe(1);
      expect(await stored()).toBe(0);
      await t.db.execute(sql`INSERT INTO channels (group_id, display_number, phone_number_id) SELECT id, ${number.displayPhoneNumber}, ${number.phoneNumberId} FROM channel_groups WHERE name = 'Suporte'`);
      await expect.poll(stored, { timeout: 60_000, interval: 200 }).toBe(1);
    } finally {
      await thread.stop();
    }
  }, 120_000);
});
