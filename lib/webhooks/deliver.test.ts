// Outgoing webhooks (docs/behaviour.md#public-api): the outbox row is written in the change's own transaction;
// the worker posts it signed, retries a failing receiver until it acknowledges, never
// lets two instances post one row at once, and gives up after 24 hours.
import { createHmac, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { takeConversationAs } from "@/lib/inbox/conversation-commands";
import { addNoteAs } from "@/lib/notes/add-note";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import { deliverDueWebhooks, signatureOf, signatureV2Of } from "./deliver";
import { listWebhookDeliveries } from "./delivery-log";
import { createWebhookEndpoint, sendTestEvent } from "./endpoints";
import { isInternalAddress, refusalOfUrl } from "./safe-url";
import { verifyFilaV2 } from "@/test/verify-fila-signature";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "@/test/webhook-receiver";

let t: TestDatabase;
let hook: WebhookReceiver;
let url: string;
let manager: Awaited<ReturnType<typeof actorOf>>;
const SECRET = "whsec-0123456789abcdef";

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
  hook = await startWebhookReceiver();
  url = hook.url;
});
beforeEach(async () => {
  hook.reset();
  await t.db.execute(sql`DELETE FROM webhook_endpoints`);
});
afterAll(async () => {
  await hook.close();
  await t.drop();
});

const deliveries = () =>
  t.db.execute<{ id: number; event: string; state: string; attempts: number; payload: { event: string; data: Record<string, unknown> } }>(
    sql`SELECT id, event, state, attempts, payload FROM webhook_deliveries ORDER BY id`,
  );
const dueNow = () => t.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE state = 'pending'`);

describe("the outbox", () => {
  it("is written in the change's transaction: a rolled-back change leaves no delivery", async () => {
    await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created", "conversation.assigned", "message.created"] });
    const groupId = await findGroupId(t.db, "Financeiro");
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`
          WITH contact AS (INSERT INTO contacts (wa_id) VALUES ('5511999990001') RETURNING id)
          INSERT INTO conversations (contact_id, channel_id, group_id, status)
          SELECT contact.id, (SELECT min(id) FROM channels WHERE group_id = ${groupId}), ${groupId}, 'queued' FROM contact`);
        throw new Error("the change fails after writing");
      })
      .catch(() => undefined);
    expect(await deliveries()).toEqual([]);

    const [conversationId] = await queueConversations(t.db, groupId, 1);
    const elisa = await actorOf(t.db, "elisa");
    await takeConversationAs(t.db, elisa, { conversationId: conversationId! });
    const rows = await deliveries();
    expect(rows.map((row) => row.event)).toEqual(["conversation.created", "conversation.assigned"]);
    expect(rows[1]!.payload.data).toMatchObject({ conversationId, kind: "self", toUserId: elisa.id, groupId });
    // Not subscribed: closing writes nothing for this endpoint.
  });

  it("only for the events an endpoint subscribed to", async () => {
    await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.closed"] });
    const [conversationId] = await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1);
    await takeConversationAs(t.db, await actorOf(t.db, "fabio"), { conversationId: conversationId! });
    expect(await deliveries()).toEqual([]);
  });

  it("sends a private note only to endpoints that subscribe to note.created, never as message.created (issue 25 item 9)", async () => {
    const messagesOnly = await createWebhookEndpoint(t.db, manager, { url: `${url}?messages`, secret: SECRET, events: ["message.created"] });
    const notes = await createWebhookEndpoint(t.db, manager, { url: `${url}?notes`, secret: SECRET, events: ["note.created"] });
    const [conversationId] = await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1);
    await t.db.execute(sql`
      INSERT INTO messages (conversation_id, direction, type, body, author_type)
      VALUES (${conversationId}, 'in', 'text', 'Olá, tudo bem?', 'contact')`);
    const note = await addNoteAs(t.db, manager, { conversationId: conversationId!, body: "cliente difícil, cuidado" });

    const rows = await t.db.execute<{ endpointId: number; event: string; data: Record<string, unknown> }>(
      sql`SELECT endpoint_id AS "endpointId", event, payload->'data' AS data FROM webhook_deliveries ORDER BY id`,
    );
    expect(rows.filter((r) => r.endpointId === messagesOnly.endpoint.id).map((r) => [r.event, r.data.body])).toEqual([["message.created", "Olá, tudo bem?"]]);
    expect(rows.filter((r) => r.endpointId === notes.endpoint.id).map((r) => [r.event, r.data.messageId, r.data.body])).toEqual([
      ["note.created", note.messageId, "cliente difícil, cuidado"],
    ]);
    // And what the worker posts is the same: the note's text reaches only the note.created endpoint.
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 2, retried: 0, failed: 0 });
    const postedWithNote = hook.requests.filter((r) => r.body.includes("cliente difícil"));
    expect(postedWithNote.map((r) => r.headers["x-fila-event"])).toEqual(["note.created"]);
  });
});

describe("the worker", () => {
  it("retries a receiver that fails twice, then stops once it acknowledges; each try carries the same delivery id, signed", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1);
    const statuses = [500, 503, 200];
    hook.answer = () => statuses[hook.requests.length - 1]!;

    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    // Backoff: not due again at once.
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 0, failed: 0 });
    await dueNow();
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    await dueNow();
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    await dueNow();
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 0, failed: 0 });

    expect(hook.requests).toHaveLength(3);
    const ids = new Set(hook.requests.map((r) => r.headers["x-fila-delivery"]));
    expect(ids.size).toBe(1);
    for (const request of hook.requests) {
      expect(request.headers["x-fila-event"]).toBe("conversation.created");
      // The documented recipe (docs/behaviour.md#outgoing-webhooks): HMAC-SHA256 of the raw body with the secret, hex, after "sha256=".
      const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(request.body).digest("hex")}`);
      const given = Buffer.from(String(request.headers["x-fila-signature"]));
      expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
      expect(JSON.parse(request.body)).toMatchObject({ id: [...ids][0], event: "conversation.created", data: { status: "queued" } });
    }
    const {
      items: [log],
    } = await listWebhookDeliveries(t.db, manager, endpoint.id);
    expect(log).toMatchObject({ state: "delivered", attempts: 3, lastStatus: 200, lastResponse: "thanks" });
  });

  it("gives up 24 hours after the change and says so", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1);
    hook.answer = () => 500;
    await t.db.execute(sql`UPDATE webhook_deliveries SET created_at = now() - interval '24 hours'`);
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 0, failed: 1 });
    const {
      items: [log],
    } = await listWebhookDeliveries(t.db, manager, endpoint.id);
    expect(log).toMatchObject({ state: "failed", lastStatus: 500 });
  });

  it("records a receiver that cannot be reached, and sends a test event on request", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url: "http://127.0.0.1:9/closed", secret: SECRET, events: ["message.status"] });
    await sendTestEvent(t.db, manager, endpoint.id);
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const {
      items: [log],
    } = await listWebhookDeliveries(t.db, manager, endpoint.id);
    expect(log).toMatchObject({ event: "webhook.test", state: "pending", lastStatus: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
  });

  it("two instances never post the same row at once", async () => {
    await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 30);
    // A slow receiver: both instances are claiming while posts are in flight.
    hook.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), 50));
    const second = createDb(t.url, { max: 5 });
    try {
      const runs = await Promise.all([
        deliverDueWebhooks(t.db, { limit: 7 }),
        deliverDueWebhooks(second.db, { limit: 7 }),
        deliverDueWebhooks(t.db, { limit: 7 }),
        deliverDueWebhooks(second.db, { limit: 7 }),
        deliverDueWebhooks(second.db, { limit: 7 }),
      ]);
      const total = runs.reduce((sum, run) => sum + run.delivered, 0);
      expect(total).toBe(30);
    } finally {
      await second.sql.end();
    }
    const perDelivery = new Map<string, number>();
    for (const request of hook.requests) perDelivery.set(String(request.headers["x-fila-delivery"]), (perDelivery.get(String(request.headers["x-fila-delivery"])) ?? 0) + 1);
    expect(perDelivery.size).toBe(30);
    expect([...perDelivery.values()].every((n) => n === 1)).toBe(true);
    expect((await deliveries()).every((row) => row.state === "delivered" && row.attempts === 1)).toBe(true);
  });

  it("signs with time: X-Fila-Timestamp of the attempt and X-Fila-Signature-V2 over `<timestamp>.<body>`, beside the old signature; a replay is refused by the recipe", async () => {
    await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1);
    hook.answer = () => 503;
    const before = Math.floor(Date.now() / 1000);
    await deliverDueWebhooks(t.db);
    // The retry is signed again at its own time.
    await t.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now()`);
    hook.answer = () => 200;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await deliverDueWebhooks(t.db);
    expect(hook.requests).toHaveLength(2);
    const [first, retry] = hook.requests as [ReceivedWebhook, ReceivedWebhook];
    const stamps = [first, retry].map((r) => Number(r.headers["x-fila-timestamp"]));
    expect(stamps[0]).toBeGreaterThanOrEqual(before);
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
    expect(stamps[1]).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    for (const request of [first, retry]) {
      expect(verifyFilaV2(request.body, request.headers, SECRET)).toBe(true);
      // The old header stays, for receivers that check it.
      expect(request.headers["x-fila-signature"]).toBe(signatureOf(SECRET, request.body));
      // Another body, another timestamp, another secret: refused.
      expect(verifyFilaV2(`${request.body} `, request.headers, SECRET)).toBe(false);
      expect(verifyFilaV2(request.body, { ...request.headers, "x-fila-timestamp": String(Number(request.headers["x-fila-timestamp"]) + 1) }, SECRET)).toBe(false);
      expect(verifyFilaV2(request.body, request.headers, "another-secret-0123")).toBe(false);
    }
    // A delivery captured and replayed later than the tolerance is refused though its signature is genuine.
    expect(verifyFilaV2(first.body, first.headers, SECRET, Number(first.headers["x-fila-timestamp"]) + 301)).toBe(false);
    expect(signatureV2Of("key", "1700000000", "{}")).toBe(`sha256=${createHmac("sha256", "key").update("1700000000.{}").digest("hex")}`);
  });

  it("signs with HMAC-SHA256 of the body", () => {
    expect(signatureOf("key", "{}")).toBe(`sha256=${createHmac("sha256", "key").update("{}").digest("hex")}`);
  });
});

describe("registration", () => {
  it("one endpoint per URL: the same URL again (or spelt with another host case) is 409 naming url; two at once register one", async () => {
    const first = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    const again = createWebhookEndpoint(t.db, manager, { url, secret: `${SECRET}-2`, events: ["message.created"] });
    await expect(again).rejects.toMatchObject({ code: "conflict", params: { endpointId: first.endpoint.id }, fields: { url: "webhooks.invalid.duplicateUrl" } });
    const hosted = "https://Hooks.Example.com";
    await createWebhookEndpoint(t.db, manager, { url: hosted, secret: SECRET, events: ["conversation.created"] });
    await expect(createWebhookEndpoint(t.db, manager, { url: "https://hooks.example.com/", secret: SECRET, events: ["conversation.created"] })).rejects.toMatchObject({ code: "conflict" });
    // Another path or query is another endpoint.
    await createWebhookEndpoint(t.db, manager, { url: `${url}?other`, secret: SECRET, events: ["conversation.created"] });

    const racing = `${url}/racing`;
    const results = await Promise.allSettled([1, 2, 3].map(() => createWebhookEndpoint(t.db, manager, { url: racing, secret: SECRET, events: ["conversation.created"] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["conflict", "conflict"]);
    const rows = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_endpoints WHERE url = ${racing}`);
    expect(rows[0]!.n).toBe(1);
  });
});

describe("addresses", () => {
  it("knows loopback, private and link-local addresses", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
    for (const address of ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"]) expect(isInternalAddress(address), address).toBe(false);
  });

  it("refuses other schemes always, and internal hosts where they are refused (production)", async () => {
    expect(await refusalOfUrl("ftp://example.com/x", false)).toBe("only http and https");
    expect(await refusalOfUrl("http://user:pw@example.com/x", false)).toBe("no credentials in the URL");
    expect(await refusalOfUrl("http://127.0.0.1:8080/x", false)).toBeNull();
    expect(await refusalOfUrl("http://127.0.0.1:8080/x", true)).toBe("an internal address");
    expect(await refusalOfUrl("http://[::1]/x", true)).toBe("an internal address");
    expect(await refusalOfUrl("http://169.254.169.254/latest/meta-data", true)).toBe("an internal address");
    expect(await refusalOfUrl("http://localhost:3000/x", true)).toBe("an internal address");
  });
});
