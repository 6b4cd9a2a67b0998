import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, messages } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { IngestOptions } from "./ingest";
import { deliver, newWaId, SUPORTE, testGraphConfig } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification, type MessageContent } from "@/dev/webhook-payloads";
import type { WebhookMessageInput } from "./webhook-notification";

let t: TestDatabase;
let fake: FakeGraph;
let options: IngestOptions;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  options = { graph: testGraphConfig(fake) };
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

async function receiveOne(message: WebhookMessageInput, name = "Maria Silva") {
  const outcome = await deliver(t.db, messagesNotification(SUPORTE, [{ waId: message.from!, name }], [message]), options);
  expect(outcome.outcome).toBe("processed");
  const [row] = await t.db.select().from(messages).where(eq(messages.waMessageId, message.id));
  return row!;
}
const contactOf = async (waId: string) => (await t.db.query.contacts.findFirst({ where: (c, { eq }) => eq(c.waId, waId) }))!;
const from = (messageContent: MessageContent, extra: Parameters<typeof inboundMessage>[2] = {}) => inboundMessage(newWaId(), messageContent, extra);

describe("inbound message types", () => {
  it("text, with the time WhatsApp gives", async () => {
    const row = await receiveOne(from(content.text("Oi, tudo bem?"), { timestamp: "1760000000" }));
    expect(row).toMatchObject({ direction: "in", authorType: "contact", type: "text", body: "Oi, tudo bem?", payload: null, status: null });
    expect(row.createdAt).toEqual(new Date(1_760_000_000_000));
  });

  it("image, video, document, audio and sticker keep the media and the caption", async () => {
    const image = await receiveOne(from({ type: "image", image: { id: "111", mime_type: "image/jpeg", sha256: "abc=", caption: "Nota fiscal" } }));
    expect(image).toMatchObject({ type: "image", body: "Nota fiscal", payload: { media: { id: "111", mimeType: "image/jpeg", sha256: "abc=" } } });

    const video = await receiveOne(from(content.video()));
    expect(video).toMatchObject({ type: "video", body: null, payload: { media: { mimeType: "video/mp4" } } });

    const document = await receiveOne(from(content.document("boleto.pdf")));
    expect(document).toMatchObject({ type: "document", body: "boleto.pdf", payload: { media: { filename: "boleto.pdf", mimeType: "application/pdf" } } });

    const audio = await receiveOne(from(content.audio(true)));
    expect(audio).toMatchObject({ type: "audio", body: null, payload: { media: { voice: true, mimeType: "audio/ogg; codecs=opus" } } });

    const sticker = await receiveOne(from(content.sticker()));
    expect(sticker).toMatchObject({ type: "sticker", body: null, payload: { media: { animated: false, mimeType: "image/webp" } } });
  });

  it("location", async () => {
    const row = await receiveOne(from(content.location({ latitude: -23.5614, longitude: -46.6559, name: "MASP", address: "Av. Paulista, 1578" })));
    expect(row).toMatchObject({
      type: "location",
      body: "MASP — Av. Paulista, 1578",
      payload: { location: { latitude: -23.5614, longitude: -46.6559, name: "MASP", address: "Av. Paulista, 1578" } },
    });
    const bare = await receiveOne(from(content.location({ latitude: -22.9, longitude: -43.2 })));
    expect(bare.body).toBe("-22.9, -43.2");
  });

  it("contacts", async () => {
    const row = await receiveOne(from(content.contacts([{ name: "João Pereira", phone: "+55 21 99876-5432" }])));
    expect(row.type).toBe("contacts");
    expect(row.body).toBe("João Pereira");
    expect(row.payload).toMatchObject({ contacts: [{ name: { formatted_name: "João Pereira" }, phones: [{ wa_id: "5521998765432" }] }] });
  });

  it("interactive button and list replies, and template buttons", async () => {
    const button = await receiveOne(from(content.buttonReply("opt-yes", "Sim")));
    expect(button).toMatchObject({ type: "interactive", body: "Sim", payload: { reply: { kind: "button_reply", id: "opt-yes", title: "Sim" } } });
    const list = await receiveOne(from(content.listReply("plan-2", "Plano Pro", "R$ 99/mês")));
    expect(list).toMatchObject({
      type: "interactive",
      body: "Plano Pro",
      payload: { reply: { kind: "list_reply", id: "plan-2", title: "Plano Pro", description: "R$ 99/mês" } },
    });
    const template = await receiveOne(from(content.button("Quero saber mais", "MORE_INFO")));
    expect(template).toMatchObject({ type: "button", body: "Quero saber mais", payload: { reply: { kind: "button", id: "MORE_INFO" } } });
  });

  it("reaction, and the reply context of a message", async () => {
    const waId = newWaId();
    const first = await receiveOne(inboundMessage(waId, content.text("Quanto custa?")));
    const original = first.waMessageId!;
    const reaction = await receiveOne(inboundMessage(waId, content.reaction(original, "👍")));
    expect(reaction).toMatchObject({ type: "reaction", body: "👍", conversationId: first.conversationId, payload: { reaction: { messageId: original, emoji: "👍" } } });
    const removed = await receiveOne(inboundMessage(waId, { type: "reaction", reaction: { message_id: original } }));
    expect(removed).toMatchObject({ body: null, conversationId: first.conversationId, payload: { reaction: { messageId: original, emoji: null } } });

    const reply = await receiveOne(from(content.text("Esse aqui"), { context: { from: "5511400000001", id: original } }));
    expect(reply.payload).toEqual({ context: { from: "5511400000001", id: original } });
  });

  it("an unknown type, or a known one we cannot read, is kept whole as unsupported", async () => {
    const future = from({ type: "hologram", hologram: { id: "h1" } });
    expect(await receiveOne(future)).toMatchObject({ type: "hologram", body: null, payload: { unsupported: true, raw: { hologram: { id: "h1" }, timestamp: future.timestamp } } });

    // An order without prices is not one we can show as an order.
    const order = from({ type: "order", order: { catalog_id: "c1", product_items: [{ product_retailer_id: "p1", quantity: 2 }] } });
    const row = await receiveOne(order);
    expect(row).toMatchObject({ type: "order", body: null, payload: { unsupported: true, raw: { order: { catalog_id: "c1" }, timestamp: order.timestamp } } });

    const flow = await receiveOne(from({ type: "interactive", interactive: { type: "carousel_reply", carousel_reply: {} } }));
    expect(flow).toMatchObject({ type: "interactive", body: null, payload: { unsupported: true } });

    const broken = await receiveOne(from({ type: "image", image: { caption: "no id" } }));
    expect(broken).toMatchObject({ type: "image", body: null, payload: { unsupported: true } });
  });
});

describe("contacts and conversations", () => {
  it("upserts the contact's profile name and joins the open conversation", async () => {
    const waId = newWaId();
    await receiveOne(inboundMessage(waId, content.text("primeira"), { timestamp: "1760000000" }), "Zé");
    await receiveOne(inboundMessage(waId, content.text("segunda"), { timestamp: "1760000060" }), "José Carlos");
    const contact = await contactOf(waId);
    expect(contact.profileName).toBe("José Carlos");
    const open = await t.db.query.conversations.findMany({ where: (c, { eq }) => eq(c.contactId, contact.id) });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: "queued", lastInboundAt: new Date(1_760_000_060_000), lastMessageAt: new Date(1_760_000_060_000) });
  });

  it("opens a new conversation after the last one was closed; a late redelivery does not reopen anything", async () => {
    const waId = newWaId();
    const first = inboundMessage(waId, content.text("antes"));
    const before = await receiveOne(first);
    await t.db.update(conversations).set({ status: "closed", closedAt: new Date() }).where(eq(conversations.id, before.conversationId));
    const statuses = async () =>
      (await t.db.select({ status: conversations.status }).from(conversations).where(eq(conversations.contactId, (await contactOf(waId)).id)))
        .map((c) => c.status)
        .sort();

    await receiveOne(first);
    expect(await statuses()).toEqual(["closed"]);

    const after = await receiveOne(inboundMessage(waId, content.text("depois")));
    expect(after.conversationId).not.toBe(before.conversationId);
    expect(await statuses()).toEqual(["closed", "queued"]);
  });
});
