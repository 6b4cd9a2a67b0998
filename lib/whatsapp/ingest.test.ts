import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { captureSignals } from "@/lib/realtime/publish";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { IngestOptions } from "./ingest";
import { sweepWelcomes } from "./welcome-message";
import { countRows, deliver, newWaId, SUPORTE, testGraphConfig, VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

const WELCOME = "Olá! Obrigado por falar com Vendas. Já vamos te atender.";

let t: TestDatabase;
let fake: FakeGraph;
let opened: number[];
let options: IngestOptions;
beforeAll(async () => {
  t = await createTestDatabase({ max: 30, seeded: true });
  fake = await startFakeGraph();
});
beforeEach(() => {
  fake.reset();
  opened = [];
  options = { graph: testGraphConfig(fake), onConversationOpened: async (id) => void opened.push(id) };
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

const welcomesTo = (waId: string) => fake.sent().filter((m) => m.to === waId && m.body === WELCOME);

describe("ingestWebhookEvent", () => {
  it("opens a conversation, announces it, routes it and welcomes the contact once", async () => {
    const signals = captureSignals();
    const waId = newWaId();
    const outcome = await deliver(t.db, messagesNotification(VENDAS, [{ waId, name: "Ana Clara" }], [inboundMessage(waId, content.text("Oi!"))]), options);
    if (outcome.outcome !== "processed") throw new Error(outcome.outcome);
    const { conversationId, groupId, messageId } = outcome.result.messages[0]!;

    expect(opened).toEqual([conversationId]);
    expect(welcomesTo(waId)).toHaveLength(1);
    const [welcome] = await t.db.query.messages.findMany({ where: (m, { and, eq }) => and(eq(m.conversationId, conversationId), eq(m.direction, "out")) });
    expect(welcome).toMatchObject({ authorType: "system", authorUserId: null, body: WELCOME, status: "sent", waMessageId: welcomesTo(waId)[0]!.waMessageId });
    const conversation = await t.db.query.conversations.findFirst({ where: (c, { eq }) => eq(c.id, conversationId) });
    expect(conversation?.welcomeSentAt).not.toBeNull();
    expect(conversation?.firstResponseAt).toBeNull();

    expect(signals).toEqual([
      { type: "conversation.changed", conversationId, groupId, status: "queued", assigneeId: null, previousAssigneeId: null, actorId: null, kind: "opened" },
      { type: "message.created", conversationId, groupId, assigneeId: null, messageId, direction: "in" },
      { type: "message.created", conversationId, groupId, assigneeId: null, messageId: welcome!.id, direction: "out" },
    ]);
  });

  it("a body delivered twice, in turn or at once, stores and sends nothing twice", async () => {
    const waId = newWaId();
    const body = JSON.stringify(messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("de novo?"))]));
    const before = { messages: await countRows(t.db, "messages"), conversations: await countRows(t.db, "conversations") };

    await deliver(t.db, body, options);
    await Promise.all([deliver(t.db, body, options), deliver(t.db, body, options), deliver(t.db, body, options)]);
    await deliver(t.db, body, options);

    expect(await countRows(t.db, "conversations")).toBe(before.conversations + 1);
    expect(await countRows(t.db, "messages")).toBe(before.messages + 2); // the message and the welcome
    expect(welcomesTo(waId)).toHaveLength(1);
    expect(opened).toHaveLength(1);
  });

  it("200 bodies in parallel: no duplicates, one conversation per contact and number, exactly one welcome each", async () => {
    const contacts = Array.from({ length: 40 }, () => newWaId());
    // Each contact writes 5 messages, to Vendas (welcome) or Suporte (none); some bodies come twice.
    const bodies = contacts.flatMap((waId, i) =>
      Array.from({ length: 5 }, (_, n) =>
        JSON.stringify(messagesNotification(i % 2 === 0 ? VENDAS : SUPORTE, [{ waId, name: `Contato ${i}` }], [inboundMessage(waId, content.text(`mensagem ${n}`))])),
      ),
    );
    expect(bodies).toHaveLength(200);
    const redelivered = bodies.filter((_, i) => i % 7 === 0);
    const before = await countRows(t.db, "messages");

    const outcomes = await Promise.all([...bodies, ...redelivered].map((body) => deliver(t.db, body, options)));
    // Bodies of one contact queue up on its contact row: none fails, none waits for the sweep.
    expect(outcomes.filter((o) => o.outcome === "failed")).toEqual([]);

    const vendasContacts = contacts.filter((_, i) => i % 2 === 0);
    expect(await countRows(t.db, "messages")).toBe(before + 200 + vendasContacts.length);
    const perContact = await t.db.execute<{ wa_id: string; conversations: number; inbound: number; welcomes: number }>(sql`
      SELECT ct.wa_id, count(DISTINCT c.id)::int AS conversations,
             count(m.id) FILTER (WHERE m.direction = 'in')::int AS inbound,
             count(m.id) FILTER (WHERE m.author_type = 'system')::int AS welcomes
        FROM contacts ct JOIN conversations c ON c.contact_id = ct.id JOIN messages m ON m.conversation_id = c.id
       WHERE ct.wa_id IN ${contacts}
       GROUP BY ct.wa_id`);
    expect(perContact).toHaveLength(40);
    for (const row of perContact) {
      const vendas = vendasContacts.includes(row.wa_id);
      expect({ ...row }).toEqual({ wa_id: row.wa_id, conversations: 1, inbound: 5, welcomes: vendas ? 1 : 0 });
    }
    expect(fake.sent()).toHaveLength(vendasContacts.length);
    expect(new Set(fake.sent().map((m) => m.to))).toEqual(new Set(vendasContacts));
    expect(opened).toHaveLength(40);
  });

  it("a welcome Meta refuses is kept as failed and never sent again", async () => {
    fake.failAlways(400);
    const waId = newWaId();
    await deliver(t.db, messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("alô"))]), options);
    fake.reset();
    await deliver(t.db, messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("alô?"))]), options);
    await t.sql`UPDATE welcome_outbox SET created_at = now() - interval '1 hour'`;
    await sweepWelcomes(t.db, options.graph);

    expect(fake.sent()).toHaveLength(0);
    const welcomes = await t.db.execute<{ status: string }>(sql`
      SELECT m.status FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id
       WHERE ct.wa_id = ${waId} AND m.author_type = 'system'`);
    expect(welcomes.map((w) => w.status)).toEqual(["failed"]);
  });

  it("a welcome that failed for a passing reason (5xx) is retried by the sweep and sent once", async () => {
    fake.failAlways(500);
    const waId = newWaId();
    await deliver(t.db, messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("alô"))]), options);
    fake.reset();
    expect(welcomesTo(waId)).toHaveLength(0);
    await t.sql`UPDATE welcome_outbox SET next_attempt_at = now() WHERE state = 'failed' AND next_attempt_at < 'infinity'`;
    await sweepWelcomes(t.db, options.graph);
    await sweepWelcomes(t.db, options.graph);
    expect(welcomesTo(waId)).toHaveLength(1);
    const welcomes = await t.db.execute<{ status: string }>(sql`
      SELECT m.status FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id
       WHERE ct.wa_id = ${waId} AND m.author_type = 'system'`);
    expect(welcomes.map((w) => w.status)).toEqual(["sent"]);
  });

  it("a failing distribution hook neither loses the message nor the welcome", async () => {
    const waId = newWaId();
    const outcome = await deliver(t.db, messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("oi"))]), {
      ...options,
      onConversationOpened: async () => {
        throw new Error("engine down");
      },
    });
    expect(outcome.outcome).toBe("processed");
    expect(welcomesTo(waId)).toHaveLength(1);
  });
});
