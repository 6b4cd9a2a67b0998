// Issue 11 finding 6 (welcome lost in a crash) and issue 10 item 8 (welcome outside the
// 24-hour window), on PostgreSQL: every interruption point of a welcome's delivery is
// finished by the sweep, exactly once. (lib/runtime/welcome-crash.test.ts kills a real
// server during a burst.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { processWebhookEvent } from "./process-webhook-event";
import { receiveWebhook } from "./receive-webhook";
import { signBody } from "./signature";
import { newWaId, TEST_APP_SECRET, testGraphConfig, VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification, statusesNotification } from "@/dev/webhook-payloads";
import { deliverWelcome, sweepWelcomes } from "./welcome-message";

let t: TestDatabase;
let fake: FakeGraph;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true, max: 30 });
  fake = await startFakeGraph();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

/** Stores and processes a body as the route does, but "dies" before any welcome is delivered. */
async function openWithoutWelcome(waId: string, timestamp?: string): Promise<number> {
  const raw = JSON.stringify(messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("oi"), { timestamp })]));
  const receipt = await receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });
  if (!receipt.accepted) throw new Error(receipt.error);
  const outcome = await processWebhookEvent(t.db, receipt.eventId);
  if (outcome.outcome !== "processed") throw new Error(outcome.outcome);
  return outcome.result.openedConversations[0]!.conversationId;
}

const graph = () => testGraphConfig(fake);
const sentTo = (waId: string) => fake.sent().filter((m) => m.to === waId);
const due = () => t.sql`UPDATE welcome_outbox SET created_at = now() - interval '1 minute'`;

describe("the welcome outbox", () => {
  it("is written in the transaction that opens the conversation; the sweep sends a welcome never claimed, once", async () => {
    const waId = newWaId();
    const conversationId = await openWithoutWelcome(waId);
    const [row] = await t.sql`SELECT state FROM welcome_outbox WHERE conversation_id = ${conversationId}`;
    expect(row!.state).toBe("pending");
    await due();
    await Promise.all([sweepWelcomes(t.db, graph()), sweepWelcomes(t.db, graph()), deliverWelcome(t.db, conversationId, graph())]);
    await sweepWelcomes(t.db, graph());
    expect(sentTo(waId)).toHaveLength(1);
    const messages = await t.sql`SELECT status FROM messages WHERE conversation_id = ${conversationId} AND author_type = 'system'`;
    expect(messages.map((m) => m.status)).toEqual(["sent"]);
  });

  it("finishes a claim interrupted before the send, reusing its stored message", async () => {
    const waId = newWaId();
    const conversationId = await openWithoutWelcome(waId);
    // Claimed and stored, then the process died: state sending, message pending, nothing sent.
    fake.failAlways(500);
    await deliverWelcome(t.db, conversationId, graph());
    fake.reset();
    await t.sql`UPDATE welcome_outbox SET state = 'sending', lease_until = now() - interval '1 second' WHERE conversation_id = ${conversationId}`;
    await sweepWelcomes(t.db, graph());
    expect(sentTo(waId)).toHaveLength(1);
    const messages = await t.sql`SELECT status FROM messages WHERE conversation_id = ${conversationId} AND author_type = 'system'`;
    expect(messages.map((m) => m.status)).toEqual(["sent"]);
  });

  it("does not send again a welcome that was sent but not marked before the crash", async () => {
    const waId = newWaId();
    const conversationId = await openWithoutWelcome(waId);
    await deliverWelcome(t.db, conversationId, graph());
    expect(sentTo(waId)).toHaveLength(1);
    await t.sql`UPDATE welcome_outbox SET state = 'sending', lease_until = now() - interval '1 second' WHERE conversation_id = ${conversationId}`;
    await sweepWelcomes(t.db, graph());
    expect(sentTo(waId)).toHaveLength(1);
    const [row] = await t.sql`SELECT state FROM welcome_outbox WHERE conversation_id = ${conversationId}`;
    expect(row!.state).toBe("sent");
  });

  it("adopts a send whose answer a crash swallowed, told by Meta's status, instead of sending again", async () => {
    const waId = newWaId();
    const conversationId = await openWithoutWelcome(waId);
    // The first claim stored the message and Meta accepted it, but the answer never got recorded.
    fake.failAlways(500);
    await deliverWelcome(t.db, conversationId, graph());
    fake.reset();
    await t.sql`UPDATE welcome_outbox SET state = 'sending', lease_until = now() - interval '1 second', updated_at = now() - interval '61 seconds' WHERE conversation_id = ${conversationId}`;
    const status = statusesNotification(VENDAS, [{ id: "wamid.swallowed-answer", status: "sent", recipientId: waId }]);
    await t.sql`INSERT INTO webhook_events (raw_body, outcome, processed_at) VALUES (${JSON.stringify(status)}, 'processed', now())`;
    await sweepWelcomes(t.db, graph());
    expect(sentTo(waId)).toHaveLength(0);
    const [message] = await t.sql`SELECT status, wa_message_id FROM messages WHERE conversation_id = ${conversationId} AND author_type = 'system'`;
    expect(message).toEqual({ status: "sent", wa_message_id: "wamid.swallowed-answer" });
    const [row] = await t.sql`SELECT state FROM welcome_outbox WHERE conversation_id = ${conversationId}`;
    expect(row!.state).toBe("sent");
  });

  it("leaves a live claim alone", async () => {
    const waId = newWaId();
    const conversationId = await openWithoutWelcome(waId);
    await t.sql`UPDATE welcome_outbox SET state = 'sending', lease_until = now() + interval '1 minute' WHERE conversation_id = ${conversationId}`;
    await sweepWelcomes(t.db, graph());
    expect(await deliverWelcome(t.db, conversationId, graph())).toBeNull();
    expect(sentTo(waId)).toHaveLength(0);
  });

  it("sends the welcome only while the 24-hour window of the opening message is open", async () => {
    const late = newWaId();
    const lateId = await openWithoutWelcome(late, String(Math.floor(Date.now() / 1000) - 25 * 3600));
    expect(await deliverWelcome(t.db, lateId, graph())).toMatchObject({ outcome: "skipped" });
    expect(sentTo(late)).toHaveLength(0);
    const [row] = await t.sql`SELECT state FROM welcome_outbox WHERE conversation_id = ${lateId}`;
    expect(row!.state).toBe("skipped");

    const inTime = newWaId();
    const inTimeId = await openWithoutWelcome(inTime, String(Math.floor(Date.now() / 1000) - 23 * 3600));
    expect(await deliverWelcome(t.db, inTimeId, graph())).toMatchObject({ outcome: "sent" });
    expect(sentTo(inTime)).toHaveLength(1);
  });
});
