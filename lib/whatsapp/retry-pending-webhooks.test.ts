import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channelGroups, channels, webhookEvents, webhookItems } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { receiveWebhook } from "./receive-webhook";
import type { IngestOptions } from "./ingest";
import { retryPendingWebhooks, type RetryOptions } from "./retry-pending-webhooks";
import { deliver, newWaId, TEST_APP_SECRET, testGraphConfig } from "@/test/whatsapp-fixtures";
import { signBody } from "./signature";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

let t: TestDatabase;
let fake: FakeGraph;
let ingest: IngestOptions;
let options: RetryOptions;
let opened: number[];
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
});
beforeEach(async () => {
  opened = [];
  ingest = { graph: testGraphConfig(fake), onConversationOpened: async (id) => void opened.push(id) };
  options = { ...ingest, baseBackoffMs: 0 };
  // Each test starts with nothing pending.
  await t.db.update(webhookEvents).set({ outcome: "processed" }).where(sql`outcome IN ('received', 'failed')`);
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

const event = async (id: number) => (await t.db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0]!;
const NEW_NUMBER = { phoneNumberId: "100000000000099", displayPhoneNumber: "+55 11 4000-0099" };

describe("retryPendingWebhooks", () => {
  it("processes a body for an unknown number, keeps its message, and stores it once the channel exists", async () => {
    const waId = newWaId();
    const outcome = await deliver(t.db, messagesNotification(NEW_NUMBER, [{ waId }], [inboundMessage(waId, content.text("alguém aí?"))]), ingest);
    expect(outcome.outcome).toBe("processed");
    expect(await event(outcome.eventId)).toMatchObject({ outcome: "processed", attempts: 1, error: expect.stringContaining("100000000000099") });
    const parked = async () => (await t.db.select().from(webhookItems).where(eq(webhookItems.webhookEventId, outcome.eventId)))[0]!;
    expect(await parked()).toMatchObject({ kind: "message", reason: "unknown_channel", state: "parked", phoneNumberId: NEW_NUMBER.phoneNumberId });

    // Nothing to do while the number is unknown.
    await retryPendingWebhooks(t.db, options);
    expect((await parked()).state).toBe("parked");
    expect(opened).toHaveLength(0);

    const [group] = await t.db.select().from(channelGroups).where(eq(channelGroups.name, "Suporte"));
    await t.db.insert(channels).values({ groupId: group!.id, displayNumber: NEW_NUMBER.displayPhoneNumber, phoneNumberId: NEW_NUMBER.phoneNumberId });
    await retryPendingWebhooks(t.db, options);
    expect(await parked()).toMatchObject({ state: "applied", resolvedAt: expect.any(Date) });
    expect(opened).toHaveLength(1);
    const stored = await t.db.query.messages.findMany({ where: (m, { eq }) => eq(m.body, "alguém aí?") });
    expect(stored).toHaveLength(1);

    // Done is done.
    await retryPendingWebhooks(t.db, options);
    expect(opened).toHaveLength(1);
    expect(await t.db.query.messages.findMany({ where: (m, { eq }) => eq(m.body, "alguém aí?") })).toHaveLength(1);
  });

  it("waits longer after each failed attempt", async () => {
    // A body whose processing failed (the database refused it, say): stored, retried.
    const [row] = await t.db
      .insert(webhookEvents)
      .values({ rawBody: "{}", outcome: "failed", attempts: 1, processedAt: sql`now()`, error: "connection lost" })
      .returning({ id: webhookEvents.id });
    const eventId = row!.id;
    const backoff = { ...options, baseBackoffMs: 60_000 };
    // Failed just now, 1 attempt: due after 60 s.
    expect(await retryPendingWebhooks(t.db, backoff)).toBe(0);
    expect((await event(eventId)).attempts).toBe(1);
    await t.db.update(webhookEvents).set({ processedAt: sql`now() - interval '61 seconds'` }).where(eq(webhookEvents.id, eventId));
    await retryPendingWebhooks(t.db, backoff);
    expect((await event(eventId)).attempts).toBe(2);
    // 2 attempts: due after 120 s, capped by maxBackoffMs.
    await t.db.update(webhookEvents).set({ processedAt: sql`now() - interval '61 seconds'` }).where(eq(webhookEvents.id, eventId));
    await retryPendingWebhooks(t.db, backoff);
    expect((await event(eventId)).attempts).toBe(2);
    await retryPendingWebhooks(t.db, { ...backoff, maxBackoffMs: 30_000 });
    expect((await event(eventId)).attempts).toBe(3);
  });

  it("shares the ingest queue: a body left `received` (a crash, no worker) is processed by the sweep", async () => {
    const waId = newWaId();
    const raw = JSON.stringify(messagesNotification({ phoneNumberId: "100000000000002" }, [{ waId }], [inboundMessage(waId, content.text("perdido?"))]));
    const receipt = await receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });
    if (!receipt.accepted) throw new Error("refused");

    expect((await event(receipt.eventId)).outcome).toBe("received");
    expect(await retryPendingWebhooks(t.db, options)).toBe(1);
    expect(await event(receipt.eventId)).toMatchObject({ outcome: "processed", attempts: 1 });
    expect(await t.db.query.messages.findMany({ where: (m, { eq }) => eq(m.body, "perdido?") })).toHaveLength(1);
  });
});
