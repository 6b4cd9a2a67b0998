// "A status never races its message away" (docs/behaviour.md#whatsapp, issue 10): Meta's status webhook can
// beat the answer to the send that gives Fila the message id. Both orders, for
// delivered, read and failed, through the fake Graph API posting signed webhooks to a
// receiver that stores and processes them the way the route does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { conversations, messages, webhookItems } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startFakeGraph, type FakeGraph, type StatusPlan } from "@/dev/fake-graph";
import type { GraphConfig } from "./graph-config";
import { ingestWebhookEvent } from "./ingest";
import { receiveWebhook } from "./receive-webhook";
import { retryPendingWebhooks } from "./retry-pending-webhooks";
import { sendReply } from "./send-reply";
import { SIGNATURE_HEADER } from "./signature";
import { deliver, newWaId, SUPORTE, TEST_APP_SECRET, testGraphConfig } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification, newWamid, statusesNotification } from "@/dev/webhook-payloads";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let receiver: Server;
let agentId: number;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // The app's webhook: verify, store, process, then answer (so that "before the answer" is deterministic).
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const receipt = await receiveWebhook(t.db, { rawBody: Buffer.concat(chunks), signature: String(req.headers[SIGNATURE_HEADER] ?? "") }, { appSecret: TEST_APP_SECRET });
    if (receipt.accepted) await ingestWebhookEvent(t.db, receipt.eventId, { graph });
    res.writeHead(receipt.accepted ? 200 : receipt.status).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  fake = await startFakeGraph({
    statusCallbacks: {
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
      appSecret: TEST_APP_SECRET,
      delaysMs: { sent: 20, delivered: 60, read: 100 },
    },
  });
  graph = testGraphConfig(fake);
  agentId = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "diego@fila.test") }))!.id;
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
  await t.drop();
});

async function conversationWithInbound(): Promise<number> {
  const waId = newWaId();
  const outcome = await deliver(t.db, messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text("Olá"))]), { graph });
  if (outcome.outcome !== "processed") throw new Error("not processed");
  return outcome.result.messages[0]!.conversationId;
}

async function reply(plan: StatusPlan) {
  const conversationId = await conversationWithInbound();
  fake.setStatusPlan(plan);
  const result = await sendReply(t.db, { conversationId, userId: agentId, body: "Seu pedido saiu para entrega" }, graph);
  expect(result.sent).toBe(true);
  const waMessageId = fake.sent().at(-1)!.waMessageId;
  const row = async () => (await t.db.select().from(messages).where(eq(messages.waMessageId, waMessageId)))[0]!;
  return { conversationId, waMessageId, result, row };
}

const cases = [
  { final: "delivered", plan: { until: "delivered" } },
  { final: "read", plan: { until: "read" } },
  { final: "failed", plan: { failWith: 131047 } },
] as const;

describe("the status race", () => {
  for (const { final, plan } of cases) {
    it(`${final}: the webhook first, the send's answer second — kept, then applied`, async () => {
      const { waMessageId, row, conversationId } = await reply({ ...plan, beforeAnswer: true });
      // Every status was received (and kept) before the answer; applied when the id was recorded.
      const kept = await t.db.select().from(webhookItems).where(eq(webhookItems.waMessageId, waMessageId));
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((item) => item.state === "applied" && item.reason === "unknown_message")).toBe(true);
      const message = await row();
      expect(message.status).toBe(final);
      if (final === "failed") {
        expect(message.error).toMatchObject({ code: 131047 });
        // A refusal for a closed window closes the reply box, however it comes.
        expect((await t.db.select().from(conversations).where(eq(conversations.id, conversationId)))[0]!.windowClosedAt).toBeInstanceOf(Date);
      } else {
        expect(message.deliveredAt).toBeInstanceOf(Date);
      }
    });

    it(`${final}: the send's answer first, the webhook second — applied at once`, async () => {
      const { waMessageId, row } = await reply(plan);
      await expect.poll(async () => (await row()).status, { timeout: 30_000 }).toBe(final);
      // Nothing waits: on a loaded machine a status may still beat the recording of the id
      // (the answer came, the commit not yet), and is then applied with it.
      const kept = await t.db.select().from(webhookItems).where(eq(webhookItems.waMessageId, waMessageId));
      expect(kept.filter((item) => item.state !== "applied")).toEqual([]);
    });
  }

  it("a kept status is applied by the sweep when its id is recorded another way, and expires after its retention", async () => {
    const conversationId = await conversationWithInbound();
    const waMessageId = newWamid();
    await deliver(t.db, statusesNotification(SUPORTE, [{ id: waMessageId, status: "read", recipientId: "5511999990000" }]), { graph });
    const item = async (id: string) => (await t.db.select().from(webhookItems).where(eq(webhookItems.waMessageId, id)))[0]!;
    expect(await item(waMessageId)).toMatchObject({ state: "parked", reason: "unknown_message" });

    // Recorded by something other than a send of this instance (an import, another instance's crash).
    await t.db.insert(messages).values({ conversationId, direction: "out", type: "text", body: "x", authorType: "system", status: "sent", waMessageId });
    await retryPendingWebhooks(t.db, { graph });
    expect((await item(waMessageId)).state).toBe("applied");
    expect((await t.db.select().from(messages).where(eq(messages.waMessageId, waMessageId)))[0]!.status).toBe("read");

    // A status for a message id that never shows up is dropped after the retention.
    const orphan = newWamid();
    await deliver(t.db, statusesNotification(SUPORTE, [{ id: orphan, status: "delivered", recipientId: "5511999990000" }]), { graph });
    await retryPendingWebhooks(t.db, { graph });
    expect((await item(orphan)).state).toBe("parked");
    await t.db.update(webhookItems).set({ createdAt: sql`now() - interval '4 days'` }).where(eq(webhookItems.waMessageId, orphan));
    await retryPendingWebhooks(t.db, { graph });
    expect((await item(orphan)).state).toBe("expired");
  });
});
