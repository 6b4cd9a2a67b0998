// Outgoing webhooks after registration (docs/behaviour.md#outgoing-webhooks): edit and pause
// an endpoint, rotate its secret with a day of overlap, replay a delivery, page the log, and
// deliveries of one conversation arriving in the order of its changes.
import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { closeConversationAs, takeConversationAs } from "@/lib/inbox/conversation-commands";
import { addNoteAs } from "@/lib/notes/add-note";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import { deliverDueWebhooks } from "./deliver";
import { listWebhookDeliveries, replayWebhookDelivery } from "./delivery-log";
import { createWebhookEndpoint, listWebhookEndpoints, sendTestEvent, updateWebhookEndpoint } from "./endpoints";
import { rotateWebhookSecret } from "./rotate-secret";
import { verifyFilaV2 } from "@/test/verify-fila-signature";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "@/test/webhook-receiver";

let t: TestDatabase;
let hook: WebhookReceiver;
let url: string;
let manager: Awaited<ReturnType<typeof actorOf>>;
let financeiro: number;
const SECRET = "whsec-0123456789abcdef";

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
  financeiro = await findGroupId(t.db, "Financeiro");
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

type Payload = { id: string; event: string; data: { conversationId?: number } };
type Received = ReceivedWebhook & { payload: Payload };
const payloadOf = (request: ReceivedWebhook) => JSON.parse(request.body) as Payload;
/** What the receiver took (answered 2xx), in the order it arrived, with its payload. */
const received = (): Received[] => hook.requests.filter((r) => r.status >= 200 && r.status < 300).map((r) => ({ ...r, payload: payloadOf(r) }));
const hmac = (secret: string, text: string) => `sha256=${createHmac("sha256", secret).update(text).digest("hex")}`;
const pendingCount = async () => (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE state = 'pending'`))[0]!.n;
const dueNow = () => t.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE state = 'pending'`);
const addMessage = (conversationId: number, body: string) =>
  t.db.execute(sql`INSERT INTO messages (conversation_id, direction, type, body, author_type) VALUES (${conversationId}, 'in', 'text', ${body}, 'contact')`);

describe("edit and pause", () => {
  it("changes the URL and events; another endpoint's URL is 409; an unknown id is 404", async () => {
    const first = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    const second = await createWebhookEndpoint(t.db, manager, { url: `${url}?second`, secret: SECRET, events: ["conversation.created"] });
    const edited = await updateWebhookEndpoint(t.db, manager, second.endpoint.id, { url: `${url}?renamed`, events: ["message.created", "message.created", "note.created"] });
    expect(edited.endpoint).toMatchObject({ url: `${url}?renamed`, events: ["message.created", "note.created"], paused: false, active: true });
    // Its own URL again is no conflict; the first one's is.
    await updateWebhookEndpoint(t.db, manager, second.endpoint.id, { url: `${url}?renamed` });
    await expect(updateWebhookEndpoint(t.db, manager, second.endpoint.id, { url })).rejects.toMatchObject({
      code: "conflict",
      params: { endpointId: first.endpoint.id },
      fields: { url: "webhooks.invalid.duplicateUrl" },
    });
    await expect(updateWebhookEndpoint(t.db, manager, second.endpoint.id, { events: [] })).rejects.toMatchObject({ code: "invalid_input", fields: { events: "webhooks.invalid.events" } });
    await expect(updateWebhookEndpoint(t.db, manager, 999_999, { paused: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateWebhookEndpoint(t.db, await actorOf(t.db, "ana"), second.endpoint.id, { paused: true })).rejects.toMatchObject({ code: "forbidden" });
    const rows = await t.db.execute<{ url: string }>(sql`SELECT url FROM webhook_endpoints ORDER BY id`);
    expect(rows.map((row) => row.url)).toEqual([url, `${url}?renamed`]);
  });

  it("paused: nothing new is queued and pending deliveries wait; resumed, they are sent", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created", "message.created"] });
    const [waiting] = await queueConversations(t.db, financeiro, 1);
    const paused = await updateWebhookEndpoint(t.db, manager, endpoint.id, { paused: true });
    expect(paused.endpoint).toMatchObject({ paused: true, active: false, pending: 1 });

    await queueConversations(t.db, financeiro, 1);
    await addMessage(waiting!, "while paused");
    expect(await pendingCount()).toBe(1);
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(received()).toEqual([]);

    await updateWebhookEndpoint(t.db, manager, endpoint.id, { paused: false });
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(received().map((r) => [r.payload.event, r.payload.data.conversationId])).toEqual([["conversation.created", waiting]]);
  });
});

describe("rotating the secret", () => {
  it("shows the new secret once; for 24 hours both sign, the new one first, in both headers; then only the new one", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    const rotated = await rotateWebhookSecret(t.db, manager, endpoint.id);
    expect(rotated.secret).toMatch(/^whsec_[\w-]{40,}$/);
    const until = Date.parse(rotated.endpoint.previousSecretUntil!);
    expect(until).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 60_000);
    // Stored encrypted, never answered again.
    const [row] = await t.db.execute<{ secret: string; previous: string }>(sql`SELECT secret, previous_secret AS previous FROM webhook_endpoints`);
    expect(JSON.stringify(row)).not.toContain(rotated.secret);
    expect(JSON.stringify(row)).not.toContain(SECRET);

    await sendTestEvent(t.db, manager, endpoint.id);
    await deliverDueWebhooks(t.db);
    const [during] = received() as [Received];
    const stamp = String(during.headers["x-fila-timestamp"]);
    expect(during.headers["x-fila-signature-v2"]).toBe(`${hmac(rotated.secret, `${stamp}.${during.body}`)}, ${hmac(SECRET, `${stamp}.${during.body}`)}`);
    expect(during.headers["x-fila-signature"]).toBe(`${hmac(rotated.secret, during.body)}, ${hmac(SECRET, during.body)}`);
    expect(verifyFilaV2(during.body, during.headers, SECRET)).toBe(true);
    expect(verifyFilaV2(during.body, during.headers, rotated.secret)).toBe(true);
    expect(verifyFilaV2(during.body, during.headers, "another-secret-0123")).toBe(false);

    // A day later (the rotation moved back 24 hours and a minute): the old secret signs no more.
    await t.db.execute(sql`UPDATE webhook_endpoints SET secret_rotated_at = now() - interval '24 hours 1 minute'`);
    hook.requests = [];
    await sendTestEvent(t.db, manager, endpoint.id);
    await deliverDueWebhooks(t.db);
    const [after] = received() as [Received];
    expect(after.headers["x-fila-signature-v2"]).toBe(hmac(rotated.secret, `${after.headers["x-fila-timestamp"]}.${after.body}`));
    expect(after.headers["x-fila-signature"]).toBe(hmac(rotated.secret, after.body));
    expect(verifyFilaV2(after.body, after.headers, SECRET)).toBe(false);
    expect((await listWebhookDeliveries(t.db, manager, endpoint.id)).items).toHaveLength(2);
    expect((await listWebhookEndpoints(t.db, manager))[0]!.previousSecretUntil).toBeNull();
  });

  it("rotating twice within the day keeps the latest two secrets; an agent and an unknown id are refused", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    const first = await rotateWebhookSecret(t.db, manager, endpoint.id);
    const second = await rotateWebhookSecret(t.db, manager, endpoint.id);
    expect(second.secret).not.toBe(first.secret);
    await sendTestEvent(t.db, manager, endpoint.id);
    await deliverDueWebhooks(t.db);
    const [delivery] = received() as [Received];
    expect(verifyFilaV2(delivery.body, delivery.headers, second.secret)).toBe(true);
    expect(verifyFilaV2(delivery.body, delivery.headers, first.secret)).toBe(true);
    expect(verifyFilaV2(delivery.body, delivery.headers, SECRET)).toBe(false);
    await expect(rotateWebhookSecret(t.db, await actorOf(t.db, "ana"), endpoint.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(rotateWebhookSecret(t.db, manager, 999_999)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("replaying a delivery", () => {
  it("queues the same event again: a new X-Fila-Delivery, the same body", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    const other = await createWebhookEndpoint(t.db, manager, { url: `${url}?other`, secret: SECRET, events: ["conversation.created"] });
    await queueConversations(t.db, financeiro, 1);
    await deliverDueWebhooks(t.db);
    const mine = (await listWebhookDeliveries(t.db, manager, endpoint.id)).items[0]!;
    expect(mine).toMatchObject({ state: "delivered", replayOf: null });

    const { delivery } = await replayWebhookDelivery(t.db, manager, endpoint.id, mine.deliveryId);
    expect(delivery).toMatchObject({ event: "conversation.created", state: "pending", attempts: 0, replayOf: mine.deliveryId });
    expect(delivery.deliveryId).not.toBe(mine.deliveryId);
    hook.requests = [];
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const [replayed] = received() as [Received];
    expect(replayed.headers["x-fila-delivery"]).toBe(delivery.deliveryId);
    const [original] = await t.db.execute<{ payload: unknown }>(sql`SELECT payload FROM webhook_deliveries WHERE delivery_id = ${mine.deliveryId}`);
    expect(JSON.parse(replayed.body)).toEqual(original!.payload);
    expect(replayed.payload.id).toBe(mine.deliveryId);
    expect(verifyFilaV2(replayed.body, replayed.headers, SECRET)).toBe(true);

    // Another endpoint's delivery, an unknown one, a malformed id, an unknown endpoint, an agent.
    const theirs = (await listWebhookDeliveries(t.db, manager, other.endpoint.id)).items[0]!;
    await expect(replayWebhookDelivery(t.db, manager, endpoint.id, theirs.deliveryId)).rejects.toMatchObject({ code: "not_found" });
    await expect(replayWebhookDelivery(t.db, manager, endpoint.id, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(replayWebhookDelivery(t.db, manager, endpoint.id, "not-a-uuid")).rejects.toMatchObject({ code: "invalid_input" });
    await expect(replayWebhookDelivery(t.db, manager, 999_999, mine.deliveryId)).rejects.toMatchObject({ code: "not_found" });
    await expect(replayWebhookDelivery(t.db, await actorOf(t.db, "ana"), endpoint.id, mine.deliveryId)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listWebhookDeliveries(t.db, manager, endpoint.id)).items).toHaveLength(2);
  });
});

describe("the delivery log", () => {
  it("pages newest first: every delivery once, then nextCursor null", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created"] });
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push((await sendTestEvent(t.db, manager, endpoint.id)).deliveryId);
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listWebhookDeliveries(t.db, manager, endpoint.id, { cursor, limit: 3 });
      sizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.deliveryId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...sent].reverse());
    expect((await listWebhookDeliveries(t.db, manager, endpoint.id)).nextCursor).toBeNull();
    await expect(listWebhookDeliveries(t.db, manager, endpoint.id, { limit: 101 })).rejects.toMatchObject({ fields: { limit: "error.invalidValue" } });
    await expect(listWebhookDeliveries(t.db, manager, endpoint.id, { cursor: "abc" })).rejects.toMatchObject({ fields: { cursor: "error.invalidValue" } });
  });
});

describe("the order of a conversation's deliveries", () => {
  it("after an outage, a conversation's events arrive in the order of its changes; other conversations are not held back", async () => {
    await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created", "conversation.assigned", "conversation.closed", "message.created"] });
    const fabio = await actorOf(t.db, "fabio");
    const [down, healthy] = await queueConversations(t.db, financeiro, 2);
    // The receiver fails only for the first conversation.
    let outage = true;
    hook.answer = (request) => (outage && payloadOf(request).data.conversationId === down ? 503 : 200);
    await takeConversationAs(t.db, fabio, { conversationId: down! });
    for (const text of ["um", "dois", "três"]) await addMessage(down!, text);
    await closeConversationAs(t.db, fabio, { conversationId: down! });
    await takeConversationAs(t.db, fabio, { conversationId: healthy! });
    await addMessage(healthy!, "olá");

    // One pass: the healthy conversation drains, in order; the failing one tried its first only.
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 3, retried: 1, failed: 0 });
    expect(received().map((r) => r.payload.event)).toEqual(["conversation.created", "conversation.assigned", "message.created"]);
    const attempts = await t.db.execute<{ event: string; attempts: number }>(sql`SELECT event, attempts FROM webhook_deliveries WHERE conversation_id = ${down} ORDER BY id`);
    expect(attempts.map((row) => [row.event, row.attempts])).toEqual([
      ["conversation.created", 1],
      ["conversation.assigned", 0],
      ["message.created", 0],
      ["message.created", 0],
      ["message.created", 0],
      ["conversation.closed", 0],
    ]);
    // Due again while the first waits for its retry: the later ones still wait behind it.
    await t.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour' WHERE conversation_id = ${down} AND attempts = 1`);
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, retried: 0, failed: 0 });

    outage = false;
    hook.requests = [];
    await dueNow();
    expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 6, retried: 0, failed: 0 });
    expect(received().map((r) => [r.payload.event, (r.payload.data as { body?: string }).body ?? null])).toEqual([
      ["conversation.created", null],
      ["conversation.assigned", null],
      ["message.created", "um"],
      ["message.created", "dois"],
      ["message.created", "três"],
      ["conversation.closed", null],
    ]);
  });

  it("several instances at once keep each conversation's order", async () => {
    await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["conversation.created", "message.created"] });
    const conversations = await queueConversations(t.db, financeiro, 6);
    for (const id of conversations) for (let n = 1; n <= 4; n++) await addMessage(id, String(n));
    hook.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), 5 + Math.floor(Math.random() * 20)));
    const second = createDb(t.url, { max: 5 });
    try {
      await Promise.all([t.db, second.db, t.db, second.db].map((db) => deliverDueWebhooks(db, { limit: 4 })));
      for (let pass = 0; pass < 20 && (await pendingCount()) > 0; pass++) await Promise.all([deliverDueWebhooks(t.db, { limit: 4 }), deliverDueWebhooks(second.db, { limit: 4 })]);
    } finally {
      await second.sql.end();
    }
    expect(received()).toHaveLength(30);
    for (const id of conversations) {
      const arrived = received().filter((r) => r.payload.data.conversationId === id).map((r) => (r.payload.data as { body?: string }).body ?? r.payload.event);
      expect(arrived, `conversation ${id}`).toEqual(["conversation.created", "1", "2", "3", "4"]);
    }
  });
});

describe("private notes", () => {
  it("reach an endpoint once it subscribes to note.created, and never as message.created", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url, secret: SECRET, events: ["message.created"] });
    const [conversationId] = await queueConversations(t.db, financeiro, 1);
    await addNoteAs(t.db, manager, { conversationId: conversationId!, body: "só a equipe vê" });
    await updateWebhookEndpoint(t.db, manager, endpoint.id, { events: ["note.created"] });
    await addMessage(conversationId!, "do cliente");
    const note = await addNoteAs(t.db, manager, { conversationId: conversationId!, body: "agora sim" });
    await deliverDueWebhooks(t.db);
    expect(received().map((r) => [r.payload.event, (r.payload.data as { body?: string }).body])).toEqual([["note.created", "agora sim"]]);
    expect(received()[0]!.payload.data).toMatchObject({ messageId: note.messageId, conversationId, direction: "internal" });
  });
});
