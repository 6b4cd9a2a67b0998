import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGraph, type FakeGraph } from "./fake-graph";
import { verifySignature } from "@/lib/whatsapp/signature";
import { parseNotification } from "@/lib/whatsapp/webhook-notification";

const APP_SECRET = "fake-graph-secret";
let fake: FakeGraph;
let receiver: Server;
const received: { valid: boolean; body: string }[] = [];
/** How many of the next notifications the receiver answers 500. */
let refuseNext = 0;

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (refuseNext > 0) {
      refuseNext--;
      res.writeHead(500).end();
      return;
    }
    received.push({ valid: verifySignature(APP_SECRET, body, req.headers["x-hub-signature-256"] as string).valid, body: body.toString() });
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  fake = await startFakeGraph({ statusCallbacks: { webhookUrl, appSecret: APP_SECRET, delaysMs: { sent: 1, delivered: 10, read: 20 } } });
});
beforeEach(() => {
  fake.reset();
  received.length = 0;
  refuseNext = 0;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const send = (body: unknown, headers: Record<string, string> = { authorization: "Bearer t" }) =>
  fetch(`${fake.url}/v27.0/100000000000001/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const text = { messaging_product: "whatsapp", recipient_type: "individual", to: "5511987650001", type: "text", text: { preview_url: false, body: "Oi" } };

describe("the fake Graph API", () => {
  it("answers like Meta, records the send, and reports sent, delivered and read as signed webhooks", async () => {
    const response = await send(text);
    expect(response.status).toBe(200);
    const json = (await response.json()) as { messages: { id: string }[] };
    expect(json).toEqual({ messaging_product: "whatsapp", contacts: [{ input: "5511987650001", wa_id: "5511987650001" }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
    expect(await (await fetch(`${fake.url}/__sent`)).json()).toMatchObject([{ to: "5511987650001", body: "Oi", waMessageId: json.messages[0]!.id }]);

    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(3);
    expect(received.every((r) => r.valid)).toBe(true);
    const statuses = received.map((r) => {
      const parsed = parseNotification(r.body);
      if (!parsed.ok) throw new Error(parsed.error);
      const change = (parsed.notification.entry[0] as { changes: { field: string; value: unknown }[] }).changes[0]!;
      return change.field === "messages" ? (change.value as { statuses: { id: string; status: string }[] }).statuses[0] : null;
    });
    expect(statuses).toMatchObject([
      { id: json.messages[0]!.id, status: "sent" },
      { id: json.messages[0]!.id, status: "delivered" },
      { id: json.messages[0]!.id, status: "read" },
    ]);
  });

  it("posts a status notification again, as Meta does, until the endpoint answers 200", async () => {
    refuseNext = 2;
    const response = await send(text);
    const { messages } = (await response.json()) as { messages: { id: string }[] };
    await expect.poll(() => received.length, { timeout: 60_000 }).toBe(3);
    expect(refuseNext).toBe(0);
    const statuses = received.map((r) => (JSON.parse(r.body) as { entry: { changes: { value: { statuses: { id: string; status: string }[] } }[] }[] }).entry[0]!.changes[0]!.value.statuses[0]!);
    expect(statuses.map((s) => s.id)).toEqual([messages[0]!.id, messages[0]!.id, messages[0]!.id]);
    expect(statuses.map((s) => s.status).sort()).toEqual(["delivered", "read", "sent"]);
  });

  it("refuses a send without a bearer token or with a body Meta would refuse", async () => {
    expect((await send(text, {})).status).toBe(401);
    expect((await send({ ...text, type: "image" })).status).toBe(400);
    expect(fake.sent()).toEqual([]);
  });

  it("fails on demand, also through its HTTP controls", async () => {
    await fetch(`${fake.url}/__fail-next`, { method: "POST", body: JSON.stringify({ count: 1, status: 503 }) });
    expect((await send(text)).status).toBe(503);
    expect((await send(text)).status).toBe(200);
    fake.failAlways(500);
    expect((await send(text)).status).toBe(500);
    await fetch(`${fake.url}/__reset`, { method: "POST" });
    expect((await send(text)).status).toBe(200);
    expect(fake.requests().map((r) => r.status)).toEqual([200]);
  });

  it("answers Meta's error codes on demand (rate limit as 400, expired token as 401) and plans statuses, through its HTTP controls", async () => {
    await fetch(`${fake.url}/__fail-next`, { method: "POST", body: JSON.stringify({ count: 1, code: 130429 }) });
    const limited = await send(text);
    expect(limited.status).toBe(400);
    expect(await limited.json()).toMatchObject({ error: { code: 130429, message: "(#130429) Rate limit hit" } });
    await fetch(`${fake.url}/__fail-next`, { method: "POST", body: JSON.stringify({ count: 1, code: 190 }) });
    const expired = await send(text);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 190, error_subcode: 463, type: "OAuthException" } });

    // Statuses before the answer, ending failed with 131047. (Late statuses of the other
    // tests may arrive meanwhile: only this message's count.)
    await fetch(`${fake.url}/__status-plan`, { method: "POST", body: JSON.stringify({ beforeAnswer: true, failWith: 131047 }) });
    const answer = await send(text);
    const { messages } = (await answer.json()) as { messages: { id: string }[] };
    // By the time the answer came, both statuses were posted.
    const reported = received
      .map((r) => {
        const parsed = parseNotification(r.body);
        if (!parsed.ok) throw new Error(parsed.error);
        return (parsed.notification.entry[0] as { changes: { value: { statuses: unknown[] } }[] }).changes[0]!.value.statuses[0] as { id: string; status: string; errors?: { code: number }[] };
      })
      .filter((status) => status.id === messages[0]!.id);
    expect(reported).toMatchObject([
      { id: messages[0]!.id, status: "sent" },
      { id: messages[0]!.id, status: "failed", errors: [{ code: 131047 }] },
    ]);
  });
});
