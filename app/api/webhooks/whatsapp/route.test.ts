import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { messages, webhookEvents, webhookItems } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { signBody } from "@/lib/whatsapp/signature";
import { countRows, newWaId, SUPORTE, VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { registerIngestWake, startIngestWorker, type IngestWorker } from "@/lib/inbound/ingest-worker";
import { retryPendingWebhooks, sweepWelcomeOutbox } from "@/lib/whatsapp/retry-pending-webhooks";

// Distribution is another module's business: here it only has to be called.
const { routeNewConversation } = vi.hoisted(() => ({ routeNewConversation: vi.fn(async () => ({ changes: [] })) }));
vi.mock("@/lib/distribution", () => ({ routeNewConversation }));

const APP_SECRET = "route-test-secret";
const VERIFY_TOKEN = "route-test-verify";
const URL_BASE = "http://localhost:3000/api/webhooks/whatsapp";

let t: TestDatabase;
let fake: FakeGraph;
let server: Server;
let route: typeof import("./route");
let worker: IngestWorker;
let sweep: NodeJS.Timeout;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // The route as the app serves it, so that the fake Graph API can post statuses back.
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.entries(req.headers).map(([name, value]) => [name, String(value)] as [string, string]);
    // A route that throws answers 500, as Next.js would: the fake then posts the status again.
    const response = await route
      .POST(new Request(URL_BASE, { method: "POST", headers, body: Buffer.concat(chunks) }))
      .catch(() => new Response("route failed", { status: 500 }));
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake = await startFakeGraph({
    statusCallbacks: {
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      appSecret: APP_SECRET,
      delaysMs: { sent: 5, delivered: 15, read: 30 },
    },
  });
  Object.assign(process.env, { DATABASE_URL: t.url, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN, GRAPH_API_URL: fake.url });
  route = await import("./route");
  // What server.ts runs next to the route: the worker that processes what it stored.
  worker = startIngestWorker(getDb(), { concurrency: 2, batchSize: 10, pollMs: 50 });
  registerIngestWake(worker.wake);
  // And the ingest thread's sweeps (lib/inbound/ingest-thread-entry.ts): a status Meta
  // reports before the welcome's id is stored waits aside until the ingest sweep runs (on a
  // loaded machine, often), and a welcome whose send failed is sent again by the outbox's.
  let sweeping = false;
  sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void retryPendingWebhooks(getDb(), { outboxAndMedia: false })
      .then(() => sweepWelcomeOutbox(getDb()))
      .finally(() => (sweeping = false));
  }, 500);
});
afterAll(async () => {
  clearInterval(sweep);
  registerIngestWake(undefined);
  await worker.stop();
  await fake.close();
  await new Promise((resolve) => server.close(resolve));
  await closeDb();
  await t.drop();
});

const handshake = (params: Record<string, string>) => route.GET(new Request(`${URL_BASE}?${new URLSearchParams(params)}`));
const post = (body: string | Uint8Array<ArrayBuffer>, signature: string | null = signBody(APP_SECRET, body)) =>
  route.POST(new Request(URL_BASE, { method: "POST", body, headers: signature === null ? {} : { "x-hub-signature-256": signature } }));
const lastEvent = async () => (await t.db.select().from(webhookEvents).orderBy(webhookEvents.id)).at(-1)!;

describe("GET /api/webhooks/whatsapp", () => {
  it("echoes the challenge for the right verify token", async () => {
    const response = await handshake({ "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
  });

  it("answers a reflected challenge as text a browser may not sniff (issue 11 finding 12)", async () => {
    const response = await handshake({ "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "<script>alert(1)</script>" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("refuses a wrong token, a wrong mode or no challenge", async () => {
    const refused: Record<string, string>[] = [
      { "hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1" },
      { "hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1" },
      { "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN },
      {},
    ];
    for (const params of refused) {
      expect((await handshake(params)).status).toBe(403);
    }
  });
});

describe("POST /api/webhooks/whatsapp", () => {
  it("answers 200, then processes: stores, routes, welcomes, and applies the statuses Meta reports back", async () => {
    const waId = newWaId();
    const message = inboundMessage(waId, content.text("Quero comprar"));
    const response = await post(JSON.stringify(messagesNotification(VENDAS, [{ waId, name: "Rita" }], [message])));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });

    await vi.waitFor(
      async () => {
        const [stored] = await t.db.select().from(messages).where(eq(messages.waMessageId, message.id));
        expect(stored).toBeDefined();
        expect(routeNewConversation).toHaveBeenCalledWith(expect.anything(), stored!.conversationId);
        const welcome = await t.db.query.messages.findFirst({
          where: (m, { and, eq }) => and(eq(m.conversationId, stored!.conversationId), eq(m.authorType, "system")),
        });
        // The fake Graph API reported sent, delivered and read through this very route.
        expect(welcome).toMatchObject({ status: "read" });
        expect(welcome?.deliveredAt).not.toBeNull();
      },
      { timeout: 150_000, interval: 20 },
    );
    expect(fake.sent().filter((m) => m.to === waId)).toHaveLength(1);
  }, 180_000);

  it("refuses a wrong or missing signature with 401, recording it and changing nothing else", async () => {
    const body = JSON.stringify(messagesNotification(SUPORTE, [{ waId: newWaId() }], [inboundMessage(newWaId(), content.text("forjada"))]));
    const before = await countRows(t.db, "messages");

    const wrong = await post(body, signBody("not-the-secret", body));
    expect(wrong.status).toBe(401);
    expect(await lastEvent()).toMatchObject({ outcome: "rejected", rawBody: body, error: "mismatch X-Hub-Signature-256", attempts: 0 });

    const missing = await post(body, null);
    expect(missing.status).toBe(401);
    expect(await lastEvent()).toMatchObject({ outcome: "rejected", signature: null, error: "missing X-Hub-Signature-256" });

    expect(await countRows(t.db, "messages")).toBe(before);
  });

  it("refuses malformed JSON and bodies that are not WhatsApp notifications with 400", async () => {
    const malformed = await post('{"object": "whatsapp_business_account", "entry": [');
    expect(malformed.status).toBe(400);
    expect(await lastEvent()).toMatchObject({ outcome: "rejected", error: expect.stringMatching(/^malformed JSON/) });

    const page = await post(JSON.stringify({ object: "page", entry: [{ id: "1", changes: [] }] }));
    expect(page.status).toBe(400);
    expect(await lastEvent()).toMatchObject({ outcome: "rejected", error: expect.stringMatching(/^not a WhatsApp Business Account notification/) });
  });

  it("after bad input of every kind the database is consistent and a good body still processes", async () => {
    const counts = async () => ({
      messages: await countRows(t.db, "messages"),
      conversations: await countRows(t.db, "conversations"),
      contacts: await countRows(t.db, "contacts"),
    });
    const before = await counts();
    const waId = newWaId();
    const good = messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text("ok"))]);
    const change = (value: unknown) => JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value }] }] });
    const value = good.entry[0]!.changes[0]!.value as Record<string, unknown>;
    const message = (value.messages as Record<string, unknown>[])[0]!;

    const bad: [string, string | Uint8Array<ArrayBuffer>, number][] = [
      ["empty", "", 400],
      ["not JSON", "hello", 400],
      ["truncated", JSON.stringify(good).slice(0, 40), 400],
      ["null", "null", 400],
      ["array", "[]", 400],
      ["string", '"whatsapp_business_account"', 400],
      ["no entry", JSON.stringify({ object: "whatsapp_business_account" }), 400],
      ["empty entry", JSON.stringify({ object: "whatsapp_business_account", entry: [] }), 400],
      ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400],
      ["too large", JSON.stringify({ ...good, padding: "x".repeat(1024 * 1024) }), 413],
    ];
    for (const [name, body, status] of bad) {
      const response = await post(body);
      expect({ name, status: response.status }).toEqual({ name, status });
      expect((await lastEvent()).outcome).toBe("rejected");
    }
    for (const [name, body] of bad.slice(0, 3)) {
      const response = await post(body, signBody("wrong", body));
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
    }
    expect(await counts()).toEqual(before);

    // A WhatsApp Business Account notification whose items are bad is taken (docs/behaviour.md#whatsapp):
    // answered 200, processed, each bad item kept with its reason, nothing else changes.
    const badItems: [string, string, string][] = [
      ["other product", change({ ...value, messaging_product: "instagram" }), "change"],
      ["no metadata", change({ ...value, metadata: undefined }), "change"],
      ["messages not a list", change({ ...value, messages: { ...message } }), "change"],
      ["message without id", change({ ...value, messages: [{ ...message, id: undefined }] }), "message"],
      ["message with a number for from", change({ ...value, messages: [{ ...message, id: "wamid.badfrom", from: 5511 }] }), "message"],
      ["bad timestamp", change({ ...value, messages: [{ ...message, id: "wamid.badtime", timestamp: "yesterday" }] }), "message"],
    ];
    for (const [name, body, kind] of badItems) {
      const response = await post(body);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      await vi.waitFor(async () => expect((await lastEvent()).outcome).toBe("processed"), { timeout: 90_000 });
      const kept = await t.db.select().from(webhookItems).where(eq(webhookItems.webhookEventId, (await lastEvent()).id));
      expect({ name, kept: kept.map((k) => [k.kind, k.reason, k.state]) }).toEqual({ name, kept: [[kind, "invalid", "invalid"]] });
    }
    expect(await counts()).toEqual(before);

    // Accepted but not usable now: the message is kept for when the number is added, nothing else changes.
    const unknownNumber = await post(JSON.stringify(messagesNotification({ phoneNumberId: "999" }, [{ waId }], [inboundMessage(waId, content.text("?"))])));
    expect(unknownNumber.status).toBe(200);
    await vi.waitFor(async () => expect((await lastEvent()).outcome).toBe("processed"), { timeout: 90_000 });
    expect((await t.db.select().from(webhookItems).where(eq(webhookItems.webhookEventId, (await lastEvent()).id)))[0]).toMatchObject({ reason: "unknown_channel", state: "parked" });
    expect(await counts()).toEqual(before);

    // A NUL escaped in JSON would make PostgreSQL refuse the row: it is dropped.
    const nulId = `wamid.nul${Date.now()}`;
    const nul = JSON.stringify(messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text("a\u0000b"), { id: nulId })]));
    expect((await post(nul)).status).toBe(200);

    const response = await post(JSON.stringify(good));
    expect(response.status).toBe(200);
    await vi.waitFor(async () => {
      const stored = await t.db.query.messages.findMany({ where: (m, { inArray }) => inArray(m.waMessageId, [nulId, message.id as string]) });
      expect(stored.map((m) => m.body).sort()).toEqual(["ab", "ok"]);
    }, { timeout: 90_000 });
    expect(await counts()).toEqual({ messages: before.messages + 2, conversations: before.conversations + 1, contacts: before.contacts + 1 });
  }, 600_000);
});
