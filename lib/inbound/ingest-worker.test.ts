// The ingest pipeline (issue 18): bodies acknowledged while nothing processes them wait
// in PostgreSQL; two instances' workers then share the queue, each body processed once,
// one contact's in order; a crash in the middle of a batch loses and duplicates nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { newWaId, SUPORTE, TEST_APP_SECRET, VENDAS } from "@/test/whatsapp-fixtures";
import { processWebhookBatch, receiveWebhook, signBody } from "@/lib/whatsapp";
import { createGroupCommit } from "@/lib/whatsapp/webhook-store";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { startIngestWorker, type IngestWorker } from "./ingest-worker";

let t: TestDatabase;
const graph = { baseUrl: "http://127.0.0.1:9", version: "v27.0", fallbackAccessToken: "x", retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 1_000 };
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // No welcome messages here: what is asserted is the queue.
  await t.db.execute(sql`UPDATE channel_groups SET welcome_message = NULL`);
});
beforeEach(async () => {
  await t.db.execute(sql`UPDATE webhook_events SET outcome = 'processed' WHERE outcome IN ('received', 'failed')`);
});
afterAll(async () => {
  await t.drop();
});

/** Stores a body the way the route does (verified, group commit); resolves once it is acknowledged. */
function acknowledge(store: ReturnType<typeof createGroupCommit>["store"], waId: string, text: string, number = SUPORTE) {
  const raw = JSON.stringify(messagesNotification(number, [{ waId, name: `C ${waId}` }], [inboundMessage(waId, content.text(text))]));
  return receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET, store });
}

const counts = async (waIds: string[]) => {
  const [row] = await t.db.execute<{ received: number; messages: number; conversations: number }>(sql`
    SELECT (SELECT count(*)::int FROM webhook_events WHERE outcome = 'received' AND order_key = ANY(${sql.raw(`ARRAY[${waIds.map((w) => `'${SUPORTE.phoneNumberId}:${w}','${VENDAS.phoneNumberId}:${w}'`).join(",")}]`)})) AS received,
           (SELECT count(*)::int FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ANY(${sql.raw(`ARRAY[${waIds.map((w) => `'${w}'`).join(",")}]`)})) AS messages,
           (SELECT count(*)::int FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ANY(${sql.raw(`ARRAY[${waIds.map((w) => `'${w}'`).join(",")}]`)})) AS conversations`);
  return row!;
};

describe("the ingest pipeline", () => {
  it("a batch runs its items without savepoints; one that fails sends the batch body by body, where it alone is kept aside", async () => {
    // A message PostgreSQL refuses (a trigger standing in for any failure of one item).
    await t.db.execute(sql`
      CREATE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.body = 'boom' THEN RAISE EXCEPTION 'refused: boom'; END IF; RETURN NEW; END $$`);
    await t.db.execute(sql`CREATE TRIGGER test_refuse_boom BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION test_refuse_boom()`);
    try {
      const waIds = Array.from({ length: 5 }, () => newWaId());
      let savepoints = 0;
      const { db, sql: pool } = createDb(t.url, { max: 2, debug: (_c, query) => void (/^\s*savepoint/i.test(query) && savepoints++) });
      try {
        // Four bodies that store cleanly: one batch, no savepoint at all.
        const commit = createGroupCommit(t.db);
        await Promise.all(waIds.filter((_, i) => i !== 2).map((waId) => acknowledge(commit.store, waId, "batch-item")));
        expect((await processWebhookBatch(db, { limit: 10 })).outcomes.map((o) => o.outcome)).toEqual(Array(4).fill("processed"));
        expect(savepoints).toBe(0);
        // A body with two messages, one refused, between two clean ones: the batch fails,
        // and is taken again body by body, each item in its own savepoint (four items).
        const mixed = waIds[2]!;
        const raw = JSON.stringify(
          messagesNotification(SUPORTE, [{ waId: mixed, name: "Mixed" }], [inboundMessage(mixed, content.text("boom")), inboundMessage(mixed, content.text("batch-item"))]),
        );
        const again = [newWaId(), newWaId()];
        await acknowledge(commit.store, again[0]!, "batch-item");
        await receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });
        await acknowledge(commit.store, again[1]!, "batch-item");
        waIds.push(...again);
        expect((await processWebhookBatch(db, { limit: 10 })).outcomes.map((o) => o.outcome)).toEqual(Array(3).fill("processed"));
        expect(savepoints).toBe(4);
      } finally {
        await pool.end();
      }
      const stored = await t.db.execute<{ body: string }>(sql`
        SELECT m.body FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
         WHERE k.wa_id IN ${waIds} ORDER BY m.id`);
      expect(stored.map((m) => m.body)).toEqual(Array(7).fill("batch-item"));
      const [kept] = await t.db.execute<{ reason: string; detail: string }>(sql`
        SELECT reason, detail FROM webhook_items WHERE kind = 'message' AND item->'message'->'text'->>'body' = 'boom'`);
      expect(kept).toMatchObject({ reason: "failed" });
      expect(kept!.detail).toContain("refused: boom");
      expect(await counts(waIds)).toMatchObject({ received: 0, messages: 7, conversations: 7 });
    } finally {
      await t.db.execute(sql`DROP TRIGGER test_refuse_boom ON messages`);
      await t.db.execute(sql`DROP FUNCTION test_refuse_boom()`);
    }
  });

  it("a batch's bodies go side by side, their statements pipelined; bodies that share a sender go one after the other, in arrival order", async () => {
    const [x, y, z] = [newWaId(), newWaId(), newWaId()];
    const bodies = [
      // One body with two senders: its key is x's, yet y's next body must wait for it.
      messagesNotification(SUPORTE, [{ waId: x, name: "X" }, { waId: y, name: "Y" }], [inboundMessage(x, content.text("lane-x1")), inboundMessage(y, content.text("lane-y1"))]),
      messagesNotification(SUPORTE, [{ waId: y, name: "Y" }], [inboundMessage(y, content.text("lane-y2"))]),
      messagesNotification(SUPORTE, [{ waId: z, name: "Z" }], [inboundMessage(z, content.text("lane-z1"))]),
    ].map((n) => JSON.stringify(n));
    for (const raw of bodies) await receiveWebhook(t.db, { rawBody: Buffer.from(raw), signature: signBody(TEST_APP_SECRET, raw) }, { appSecret: TEST_APP_SECRET });

    // The order statements are sent in, by the message each one carries.
    const sent: string[] = [];
    const { db, sql: pool } = createDb(t.url, { max: 2, debug: (_c, _query, params) => sent.push(params.map(String).find((p) => p.startsWith("lane-")) ?? "") });
    try {
      expect((await processWebhookBatch(db, { limit: 10 })).outcomes.map((o) => o.outcome)).toEqual(Array(3).fill("processed"));
    } finally {
      await pool.end();
    }
    // Side by side: z's message is sent before x's body is done (its y1), not after it all.
    expect(sent.indexOf("lane-z1")).toBeGreaterThan(-1);
    expect(sent.indexOf("lane-z1")).toBeLessThan(sent.indexOf("lane-y1"));
    // One lane: y's second body waits for the body that holds its first message.
    expect(sent.indexOf("lane-y1")).toBeLessThan(sent.indexOf("lane-y2"));
    const stored = await t.db.execute<{ body: string }>(sql`
      SELECT m.body FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
       WHERE k.wa_id = ${y} ORDER BY m.id`);
    expect(stored.map((m) => m.body)).toEqual(["lane-y1", "lane-y2"]);
    expect(await counts([x, y, z])).toMatchObject({ received: 0, messages: 4, conversations: 3 });
  });

  it("does not hold the next batch while Meta is slow to take a welcome: the welcome goes out when Meta answers", async () => {
    // A Graph API that keeps every request waiting until released.
    const held: (() => void)[] = [];
    const graphServer = http.createServer((req, res) => {
      req.resume();
      const id = `wamid.held${Date.now()}${held.length}`;
      held.push(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ messaging_product: "whatsapp", messages: [{ id }] })));
    });
    await new Promise<void>((resolve) => graphServer.listen(0, "127.0.0.1", resolve));
    const port = (graphServer.address() as AddressInfo).port;
    await t.db.execute(sql`UPDATE channel_groups SET welcome_message = 'Oi! Já vamos te atender.' WHERE name = 'Suporte'`);
    const worker = startIngestWorker(t.db, {
      concurrency: 1,
      batchSize: 5,
      pollMs: 20,
      graph: { ...graph, baseUrl: `http://127.0.0.1:${port}` },
      onConversationOpened: async () => {},
    });
    const [first, second] = [newWaId(), newWaId()];
    const state = async (waId: string) =>
      (await t.db.execute<{ state: string | null }>(sql`
        SELECT w.state FROM conversations c JOIN contacts k ON k.id = c.contact_id LEFT JOIN welcome_outbox w ON w.conversation_id = c.id
         WHERE k.wa_id = ${waId}`))[0]?.state ?? "none";
    const commit = createGroupCommit(t.db);
    try {
      await acknowledge(commit.store, first, "held-1");
      await expect.poll(() => held.length, { timeout: 60_000 }).toBe(1);
      // The one runner is free while the first welcome waits on Meta: the next body is processed.
      await acknowledge(commit.store, second, "held-2");
      await expect.poll(() => held.length, { timeout: 60_000 }).toBe(2);
      expect(await state(first)).toBe("sending");
      for (const release of held.splice(0)) release();
      await expect.poll(async () => [await state(first), await state(second)], { timeout: 60_000 }).toEqual(["sent", "sent"]);
    } finally {
      for (const release of held.splice(0)) release();
      await worker.stop();
      graphServer.close();
      await t.db.execute(sql`UPDATE channel_groups SET welcome_message = NULL`);
    }
  }, 240_000);

  it("acknowledges 2,000 bodies while paused; two instances then process each exactly once, in order per contact", async () => {
    const CONTACTS = 400;
    const PER_CONTACT = 5;
    const waIds = Array.from({ length: CONTACTS }, () => newWaId());
    const commit = createGroupCommit(t.db);
    // Each contact writes its messages one after the other (the next once the last is
    // acknowledged); all contacts at once.
    const receipts = await Promise.all(
      waIds.map(async (waId, c) => {
        const mine = [];
        for (let k = 0; k < PER_CONTACT; k++) mine.push(await acknowledge(commit.store, waId, `#${k}`, c % 2 ? VENDAS : SUPORTE));
        return mine;
      }),
    );
    expect(receipts.flat().every((r) => r.accepted)).toBe(true);
    const [stored] = await t.db.execute<{ n: number; messages: number }>(sql`
      SELECT count(*)::int AS n, (SELECT count(*)::int FROM messages WHERE body LIKE '#%') AS messages
        FROM webhook_events WHERE outcome = 'received'`);
    // Paused (no worker): all stored, nothing processed.
    expect(stored).toEqual({ n: CONTACTS * PER_CONTACT, messages: 0 });

    // Two instances: two pools, two workers, the same queue.
    const instances = [createDb(t.url, { max: 4 }), createDb(t.url, { max: 4 })];
    const opened: number[][] = [[], []];
    const workers: IngestWorker[] = instances.map(({ db }, i) =>
      startIngestWorker(db, { concurrency: 2, batchSize: 20, pollMs: 20, graph, onConversationOpened: async (id) => void opened[i]!.push(id) }),
    );
    try {
      await expect.poll(async () => (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_events WHERE outcome = 'received'`))[0]!.n, { timeout: 500_000, interval: 500 }).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(instances.map((i) => i.sql.end()));
    }

    // Exactly once: every body processed in one attempt, every message stored once, one conversation per contact.
    const [once] = await t.db.execute<{ bodies: number; attempts: number }>(sql`
      SELECT count(*)::int AS bodies, sum(attempts)::int AS attempts FROM webhook_events WHERE raw_body LIKE '%"body":"#%' AND outcome = 'processed'`);
    expect(once).toEqual({ bodies: CONTACTS * PER_CONTACT, attempts: CONTACTS * PER_CONTACT });
    const c = await counts(waIds);
    expect({ messages: c.messages, conversations: c.conversations }).toEqual({ messages: CONTACTS * PER_CONTACT, conversations: CONTACTS });
    // Both instances took part.
    expect(opened[0]!.length).toBeGreaterThan(0);
    expect(opened[1]!.length).toBeGreaterThan(0);

    // In order per contact: stored (message ids) in the order acknowledged.
    const rows = await t.db.execute<{ waId: string; bodies: string[] }>(sql`
      SELECT k.wa_id AS "waId", array_agg(m.body ORDER BY m.id) AS bodies
        FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
       WHERE m.body LIKE '#%' GROUP BY k.wa_id`);
    const expected = Array.from({ length: PER_CONTACT }, (_, k) => `#${k}`);
    const outOfOrder = rows.filter((r) => JSON.stringify(r.bodies) !== JSON.stringify(expected));
    expect(rows).toHaveLength(CONTACTS);
    expect(outOfOrder).toEqual([]);
    // A busy machine is slow, not wrong: generous, the outcome is what is asserted.
  }, 600_000);

  it("a crash in the middle of a batch loses nothing and duplicates nothing", async () => {
    const waIds = Array.from({ length: 30 }, () => newWaId());
    const commit = createGroupCommit(t.db);
    await Promise.all(waIds.map((waId) => acknowledge(commit.store, waId, "crash?")));
    const before = await counts(waIds);
    expect(before).toMatchObject({ received: 30, messages: 0 });

    // The batch's transaction fails after its bodies were processed and before they were
    // marked (the process died, the connection dropped): PostgreSQL rolls all of it back.
    const { db, sql: pool } = createDb(t.url, { max: 2 });
    let processedBeforeCrash: number[] = [];
    await expect(
      processWebhookBatch(db, {
        limit: 10,
        beforeMarks: async (ids, tx) => {
          processedBeforeCrash = ids;
          // The effects are there, inside the transaction…
          const [inside] = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE body = 'crash?'`);
          expect(inside!.n).toBe(10);
          throw new Error("crash");
        },
      }),
    ).rejects.toThrow("crash");
    expect(processedBeforeCrash).toHaveLength(10);
    // …and gone with it.
    expect(await counts(waIds)).toMatchObject({ received: 30, messages: 0, conversations: 0 });

    // A worker whose first batch throws half-way (its loop carries on after a back-off).
    let crashes = 0;
    const worker = startIngestWorker(db, {
      concurrency: 2,
      batchSize: 7,
      pollMs: 20,
      graph,
      batch: {
        beforeMarks: async () => {
          if (crashes++ === 0) throw new Error("crash in the middle of a batch");
        },
      },
    });
    try {
      await expect.poll(async () => (await counts(waIds)).received, { timeout: 60_000, interval: 200 }).toBe(0);
    } finally {
      await worker.stop();
      await pool.end();
    }
    expect(crashes).toBeGreaterThan(1);
    expect(await counts(waIds)).toMatchObject({ received: 0, messages: 30, conversations: 30 });
    const [attempts] = await t.db.execute<{ n: number; max: number }>(sql`
      SELECT count(*)::int AS n, max(attempts)::int AS max FROM webhook_events WHERE raw_body LIKE '%"body":"crash?"%'`);
    expect(attempts).toEqual({ n: 30, max: 1 });
  }, 300_000);
});
