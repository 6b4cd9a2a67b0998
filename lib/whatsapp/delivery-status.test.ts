import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { nextDeliveryState } from "./delivery-status";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { deliver, newWaId, SUPORTE, testGraphConfig } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification, newWamid, statusesNotification, type StatusReport } from "@/dev/webhook-payloads";

describe("nextDeliveryState", () => {
  it("only moves forward: pending < sent < delivered < read", () => {
    expect(nextDeliveryState("pending", "sent")).toBe("sent");
    expect(nextDeliveryState("sent", "read")).toBe("read");
    expect(nextDeliveryState("read", "delivered")).toBe("read");
    expect(nextDeliveryState("delivered", "sent")).toBe("delivered");
    expect(nextDeliveryState(null, "delivered")).toBe("delivered");
  });

  it("lets failed win over pending and sent only, and keeps it", () => {
    expect(nextDeliveryState("pending", "failed")).toBe("failed");
    expect(nextDeliveryState("sent", "failed")).toBe("failed");
    expect(nextDeliveryState("delivered", "failed")).toBeNull();
    expect(nextDeliveryState("read", "failed")).toBeNull();
    expect(nextDeliveryState("failed", "sent")).toBe("failed");
    expect(nextDeliveryState("failed", "delivered")).toBeNull();
    expect(nextDeliveryState("failed", "read")).toBeNull();
  });
});

describe("delivery statuses from webhooks", () => {
  let t: TestDatabase;
  let fake: FakeGraph;
  let options: Parameters<typeof deliver>[2];
  beforeAll(async () => {
    t = await createTestDatabase({ seeded: true });
    fake = await startFakeGraph();
    options = { graph: testGraphConfig(fake) };
  });
  afterAll(async () => {
    await fake.close();
    await t.drop();
  });

  /** An outbound message as sendReply leaves it: sent, with WhatsApp's id. */
  async function sentMessage(): Promise<{ waMessageId: string; to: string }> {
    const to = newWaId();
    const inbound = await deliver(t.db, messagesNotification(SUPORTE, [{ waId: to }], [inboundMessage(to, content.text("oi"))]), options);
    if (inbound.outcome !== "processed") throw new Error("the inbound message was not processed");
    const waMessageId = newWamid();
    await t.db.insert(messages).values({
      conversationId: inbound.result.messages[0]!.conversationId,
      direction: "out",
      type: "text",
      body: "resposta",
      authorType: "system",
      status: "sent",
      waMessageId,
      sentAt: new Date(),
    });
    return { waMessageId, to };
  }
  const report = (waMessageId: string, to: string, status: StatusReport["status"], timestamp: number, errors?: StatusReport["errors"]) =>
    statusesNotification(SUPORTE, [{ id: waMessageId, status, recipientId: to, timestamp: String(timestamp), errors }]);
  const row = async (waMessageId: string) => (await t.db.select().from(messages).where(eq(messages.waMessageId, waMessageId)))[0]!;

  it("arriving out of order, end at the furthest status with each timestamp set once", async () => {
    const { waMessageId, to } = await sentMessage();
    const base = 1_760_000_000;
    const read = await deliver(t.db, report(waMessageId, to, "read", base + 30), options);
    expect(read.outcome === "processed" && read.result.statusUpdates.map((s) => s.status)).toEqual(["read"]);
    const delivered = await deliver(t.db, report(waMessageId, to, "delivered", base + 10), options);
    // Nothing visible changed: no status signal.
    expect(delivered.outcome === "processed" && delivered.result.statusUpdates).toEqual([]);
    await deliver(t.db, report(waMessageId, to, "sent", base), options);
    // A redelivered status changes nothing.
    await deliver(t.db, report(waMessageId, to, "read", base + 99), options);

    const message = await row(waMessageId);
    expect(message.status).toBe("read");
    expect(message.readAt).toEqual(new Date((base + 30) * 1000));
    expect(message.deliveredAt).toEqual(new Date((base + 10) * 1000));
    expect(message.failedAt).toBeNull();
  });

  it("failed wins over sent and keeps Meta's error; a later delivery report does not undo it", async () => {
    const { waMessageId, to } = await sentMessage();
    const error = { code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "Receiver is incapable" } };
    await deliver(t.db, report(waMessageId, to, "failed", 1_760_000_100, [error]), options);
    await deliver(t.db, report(waMessageId, to, "delivered", 1_760_000_200), options);
    const message = await row(waMessageId);
    expect(message.status).toBe("failed");
    expect(message.error).toEqual(error);
    expect(message.failedAt).toEqual(new Date(1_760_000_100 * 1000));
    expect(message.deliveredAt).toBeNull();
  });

  it("a stale failure does not undo a delivery", async () => {
    const { waMessageId, to } = await sentMessage();
    await deliver(t.db, report(waMessageId, to, "delivered", 1_760_000_100), options);
    await deliver(t.db, report(waMessageId, to, "failed", 1_760_000_050, [{ code: 131000, message: "Something went wrong" }]), options);
    const message = await row(waMessageId);
    expect(message.status).toBe("delivered");
    expect(message.error).toBeNull();
  });

  it("a status for a message we never sent is processed with a note", async () => {
    const unknown = newWamid();
    const outcome = await deliver(t.db, report(unknown, newWaId(), "delivered", 1_760_000_000), options);
    expect(outcome.outcome).toBe("processed");
    const event = await t.db.query.webhookEvents.findFirst({ where: (e, { eq }) => eq(e.id, outcome.eventId) });
    expect(event?.outcome).toBe("processed");
    expect(event?.error).toContain(unknown);
  });
});
