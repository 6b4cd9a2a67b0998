// The request id travels with the work it caused (docs/operations.md#logs): a change made
// within a request enqueues its outgoing webhooks with that request's id, a WhatsApp body
// keeps the id of the request that delivered it, and its processing — in the ingest
// thread, later — enqueues webhooks with the same id; the worker reports it per delivery.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withRequestId } from "@/db/request-context";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { takeConversationAs } from "@/lib/inbox/conversation-commands";
import { processWebhookBatch, receiveWebhook } from "@/lib/whatsapp";
import { signBody } from "@/lib/whatsapp/signature";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import { newWaId, SUPORTE, TEST_APP_SECRET } from "@/test/whatsapp-fixtures";
import { deliverDueWebhooks, type DeliveryReport } from "./deliver";
import { createWebhookEndpoint } from "./endpoints";

let t: TestDatabase;
let manager: Awaited<ReturnType<typeof actorOf>>;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
});
beforeEach(async () => {
  await t.db.execute(sql`DELETE FROM webhook_endpoints`);
  // Nobody listens there: each post fails fast, which is enough to see what is reported.
  await createWebhookEndpoint(t.db, manager, {
    url: "http://127.0.0.1:9/hook",
    secret: "whsec-0123456789abcdef",
    events: ["conversation.created", "conversation.assigned", "message.created"],
  });
});
afterAll(async () => {
  await t.drop();
});

const deliveries = () =>
  t.db.execute<{ event: string; requestId: string | null }>(sql`SELECT event, request_id AS "requestId" FROM webhook_deliveries ORDER BY id`);

describe("the request id of an outgoing webhook", () => {
  it("is the id of the request whose change enqueued it; none outside a request", async () => {
    const [conversationId] = await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1);
    const elisa = await actorOf(t.db, "elisa");
    await withRequestId("req-take-1", () => takeConversationAs(t.db, elisa, { conversationId: conversationId! }));

    expect(await deliveries()).toEqual([
      { event: "conversation.created", requestId: null },
      { event: "conversation.assigned", requestId: "req-take-1" },
    ]);
    // A transaction outside any request, after one inside: nothing leaks from one to the next.
    await t.db.transaction((tx) => tx.execute(sql`SELECT fila_enqueue_webhook('message.created', '{}'::jsonb)`));
    expect((await deliveries()).at(-1)).toEqual({ event: "message.created", requestId: null });

    const reports: DeliveryReport[] = [];
    await deliverDueWebhooks(t.db, { onDelivery: (report) => reports.push(report) });
    expect(reports.map((r) => [r.event, r.requestId, r.state])).toEqual(expect.arrayContaining([["conversation.created", null, "retry"]]));
    // In order per conversation: the assignment waits behind the creation until that one is through.
    expect(reports.map((r) => r.event)).not.toContain("conversation.assigned");
    await t.db.execute(sql`UPDATE webhook_deliveries SET state = 'delivered' WHERE event = 'conversation.created'`);
    await deliverDueWebhooks(t.db, { onDelivery: (report) => reports.push(report) });
    expect(reports.map((r) => [r.event, r.requestId, r.state])).toEqual(expect.arrayContaining([["conversation.assigned", "req-take-1", "retry"]]));
    await t.db.execute(sql`DELETE FROM webhook_deliveries`);
  });

  it("is carried from the request that delivered a WhatsApp body to the webhooks its processing enqueues", async () => {
    const waId = newWaId();
    const body = JSON.stringify(messagesNotification(SUPORTE, [{ waId, name: "Rita" }], [inboundMessage(waId, content.text("Oi"))]));
    const receipt = await receiveWebhook(
      t.db,
      { rawBody: Buffer.from(body), signature: signBody(TEST_APP_SECRET, body), requestId: "req-meta-7" },
      { appSecret: TEST_APP_SECRET },
    );
    expect(receipt).toMatchObject({ accepted: true });
    const [stored] = await t.db.execute<{ requestId: string }>(sql`SELECT request_id AS "requestId" FROM webhook_events WHERE id = ${receipt.eventId}`);
    expect(stored).toEqual({ requestId: "req-meta-7" });

    const batch = await processWebhookBatch(t.db);
    expect(batch.requestId).toBe("req-meta-7");
    expect(await deliveries()).toEqual([
      { event: "conversation.created", requestId: "req-meta-7" },
      { event: "message.created", requestId: "req-meta-7" },
    ]);
    await t.db.execute(sql`DELETE FROM webhook_deliveries`);
  });
});
