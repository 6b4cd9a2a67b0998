// Every shape Meta sends is taken (docs/behaviour.md#whatsapp, issue 10). One fixture per shape, written
// from the fields Meta documents for the Cloud API messages webhook; each asserts what
// is stored, what the thread shows (the real thread component, rendered), and that a
// redelivery of the same body changes nothing.
import { renderToStaticMarkup } from "react-dom/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channelGroups, channels, contacts, conversations, messages, webhookItems } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { I18nProvider } from "@/components/i18n-provider";
import { formatPhone } from "@/components/inbox/format";
import { previewText } from "@/components/inbox/message-preview";
import { loadConversationDetail } from "@/lib/inbox/conversation-detail";
import { MessageThread } from "@/components/inbox/message-thread";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import { listInboxConversations } from "@/lib/inbox/conversation-list";
import { actorOf } from "@/test/groups-fixtures";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { IngestOptions } from "./ingest";
import { retryPendingWebhooks } from "./retry-pending-webhooks";
import { countRows, deliver, newWaId, SUPORTE, testGraphConfig, VENDAS } from "@/test/whatsapp-fixtures";
import {
  content,
  entriesNotification,
  inboundMessage,
  messagesNotification,
  newUserId,
  newWamid,
  statusesNotification,
} from "@/dev/webhook-payloads";
import type { WebhookNotificationInput } from "./webhook-notification";

const WELCOME = "Olá! Obrigado por falar com Vendas. Já vamos te atender.";
const UNKNOWN_NUMBER = { phoneNumberId: "100000000000077", displayPhoneNumber: "+55 11 4000-0077" };

let t: TestDatabase;
let fake: FakeGraph;
let options: IngestOptions;
let opened: number[];
beforeAll(async () => {
  t = await createTestDatabase({ max: 10, seeded: true });
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

async function snapshot() {
  const [items] = await t.db.execute<{ n: number; states: string }>(sql`SELECT count(*)::int AS n, string_agg(state::text || attempts, ',' ORDER BY id) AS states FROM webhook_items`);
  return {
    messages: await countRows(t.db, "messages"),
    conversations: await countRows(t.db, "conversations"),
    contacts: await countRows(t.db, "contacts"),
    items: items!.n,
    itemStates: items!.states,
    sent: fake.sent().length,
  };
}

/** Delivers a body, then the same bytes again (as Meta redelivers): the second changes nothing. */
async function deliverAndRedeliver(body: WebhookNotificationInput) {
  const raw = JSON.stringify(body);
  const outcome = await deliver(t.db, raw, options);
  expect(outcome.outcome).toBe("processed");
  const after = await snapshot();
  const openedBefore = opened.length;
  const again = await deliver(t.db, raw, options);
  expect(again.outcome).toBe("processed");
  expect(await snapshot()).toEqual(after);
  expect(opened).toHaveLength(openedBefore);
  return outcome.outcome === "processed" ? outcome : never();
}
const never = (): never => {
  throw new Error("unreachable");
};

const row = async (waMessageId: string) => (await t.db.select().from(messages).where(eq(messages.waMessageId, waMessageId)))[0];
const contactBy = async (column: "waId" | "userId", value: string) => (await t.db.select().from(contacts).where(eq(contacts[column], value)))[0];
const conversationsOf = async (contactId: number) => t.db.select().from(conversations).where(eq(conversations.contactId, contactId));
const welcomesTo = (to: string) => fake.sent().filter((m) => m.to === to && m.body === WELCOME);

/** The thread as the inbox renders it, as text. */
async function threadText(conversationId: number, locale: Locale = "en"): Promise<string> {
  const thread = await listThreadMessages(t.db, conversationId);
  const html = renderToStaticMarkup(
    <I18nProvider locale={locale}>
      <MessageThread messages={thread} loading={false} label="thread" viewerId={0} />
    </I18nProvider>,
  );
  return html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
}
async function threadHtml(conversationId: number): Promise<string> {
  const thread = await listThreadMessages(t.db, conversationId);
  return renderToStaticMarkup(
    <I18nProvider locale="en">
      <MessageThread messages={thread} loading={false} label="thread" viewerId={0} />
    </I18nProvider>,
  );
}

/** A contact with an open conversation on `number`, started with a text. */
async function contactWithConversation(number = SUPORTE) {
  const waId = newWaId();
  const first = inboundMessage(waId, content.text("Oi, tudo bem?"));
  const outcome = await deliver(t.db, messagesNotification(number, [{ waId, name: "Joana Prado" }], [first]), options);
  if (outcome.outcome !== "processed") throw new Error("not processed");
  return { waId, firstId: first.id, conversationId: outcome.result.messages[0]!.conversationId };
}

describe("contacts without a phone number", () => {
  it("a message with from_user_id only (username user): a contact with user id and username, a conversation, the text", async () => {
    const userId = newUserId();
    const message = inboundMessage({ userId }, content.text("Olá, vi o anúncio"));
    const outcome = await deliverAndRedeliver(messagesNotification(VENDAS, [{ userId, username: "@joana.prado", name: "Joana" }], [message]));

    const contact = await contactBy("userId", userId);
    expect(contact).toMatchObject({ waId: null, userId, username: "@joana.prado", profileName: "Joana" });
    expect(await row(message.id)).toMatchObject({ type: "text", body: "Olá, vi o anúncio", authorType: "contact" });
    expect(outcome.result.openedConversations).toHaveLength(1);
    // The welcome goes to the user id, in `recipient`.
    expect(fake.sent().filter((m) => m.to === userId && m.request.recipient === userId)).toHaveLength(1);
    expect(await threadText(outcome.result.messages[0]!.conversationId)).toContain("Olá, vi o anúncio");
    // Shown by their username where a number would be.
    const detail = await loadConversationDetail(t.db, outcome.result.messages[0]!.conversationId);
    expect(detail!.contact).toEqual({ name: "Joana", number: "@joana.prado" });
    expect(formatPhone(detail!.contact.number)).toBe("@joana.prado");

    // Later Meta shares the phone number too: the same contact gains it.
    const waId = newWaId();
    await deliverAndRedeliver(messagesNotification(VENDAS, [{ waId, userId }], [inboundMessage({ waId, userId }, content.text("meu número"))]));
    expect(await contactBy("userId", userId)).toMatchObject({ id: contact!.id, waId, userId, username: "@joana.prado" });
    expect(await conversationsOf(contact!.id)).toHaveLength(1);
  });

  it("contacts[].user_id alongside wa_id is kept with the contact", async () => {
    const waId = newWaId();
    const userId = newUserId();
    const message = inboundMessage(waId, content.text("Bom dia"));
    await deliverAndRedeliver(messagesNotification(SUPORTE, [{ waId, userId, name: "Caio" }], [message]));
    expect(await contactBy("waId", waId)).toMatchObject({ waId, userId, profileName: "Caio" });
  });
});

describe("message types", () => {
  it("order: the items, quantities and prices, shown as a table with the total", async () => {
    const { waId, conversationId } = await contactWithConversation();
    const message = inboundMessage(waId, content.order([{ sku: "CAMISETA-P", quantity: 3, price: 19.9 }, { sku: "BONE-01", quantity: 1, price: 49.5 }], "Quero esses"));
    await deliverAndRedeliver(messagesNotification(SUPORTE, [{ waId }], [message]));

    expect(await row(message.id)).toMatchObject({
      type: "order",
      // What search and the preview read: the words, then the items.
      body: "Quero esses · 3 × CAMISETA-P, 1 × BONE-01",
      payload: {
        order: {
          catalogId: "CATALOG_ID_1234",
          items: [
            { productRetailerId: "CAMISETA-P", quantity: 3, itemPrice: 19.9, currency: "BRL" },
            { productRetailerId: "BONE-01", quantity: 1, itemPrice: 49.5, currency: "BRL" },
          ],
        },
      },
    });
    const en = await threadText(conversationId, "en");
    expect(en).toContain("Order · 2 items");
    expect(en).toMatch(/CAMISETA-P 3 R\$\s?19\.90/);
    expect(en).toMatch(/Total R\$\s?109\.20/);
    const pt = await threadText(conversationId, "pt-BR");
    expect(pt).toContain("Pedido · 2 itens");
    expect(pt).toMatch(/Total R\$\s?109,20/);
    expect(pt).not.toContain("não suportada");
    expect(previewText({ type: "order", body: "Quero esses · 3 × CAMISETA-P", direction: "in", authorType: "contact" }, translator("pt-BR"))).toBe("Pedido · Quero esses · 3 × CAMISETA-P");
    // An agent finds the conversation by what was ordered.
    const manager = await actorOf(t.db, "manager");
    const found = await listInboxConversations(t.db, { viewer: manager, tab: "all", status: "any", search: "camiseta" });
    expect(found.items.map((c) => c.id)).toContain(conversationId);
  });

  it("flow reply (interactive nfm_reply): the fields the contact filled in", async () => {
    const { waId, conversationId } = await contactWithConversation();
    const message = inboundMessage(waId, content.flowReply({ cpf: "123.456.789-09", plano: "Pro", aceita_termos: true }));
    await deliverAndRedeliver(messagesNotification(SUPORTE, [{ waId }], [message]));

    expect(await row(message.id)).toMatchObject({
      type: "interactive",
      body: "Sent",
      payload: { flowReply: { name: "flow", response: { cpf: "123.456.789-09", plano: "Pro", aceita_termos: true, flow_token: "FLOW_TOKEN" } } },
    });
    const pt = await threadText(conversationId, "pt-BR");
    expect(pt).toContain("Resposta de formulário");
    expect(pt).toContain("cpf 123.456.789-09");
    expect(pt).toContain("plano Pro");
    expect(pt).not.toContain("flow_token");
    expect(previewText({ type: "interactive", body: "Sent", direction: "in", authorType: "contact", flowReply: true }, translator("en"))).toBe("Form reply");
  });

  it("frequently forwarded: labelled 'Forwarded many times'", async () => {
    const { waId, conversationId } = await contactWithConversation();
    const message = inboundMessage(waId, content.text("Corrente: ganhe um brinde!"), { context: { forwarded: true, frequently_forwarded: true } });
    await deliverAndRedeliver(messagesNotification(SUPORTE, [{ waId }], [message]));
    expect(await row(message.id)).toMatchObject({ type: "text", payload: { context: { forwarded: true, frequently_forwarded: true } } });
    expect(await threadText(conversationId, "en")).toContain("Forwarded many times");
    expect(await threadText(conversationId, "pt-BR")).toContain("Encaminhada com frequência");
  });

  it("edit: the original shows the new text, marked edited; the original text stays stored", async () => {
    const { waId, firstId, conversationId } = await contactWithConversation();
    const edit = inboundMessage(waId, content.edit(firstId, "Oi, tudo bem? Quero um orçamento"));
    await deliverAndRedeliver(messagesNotification(SUPORTE, [{ waId }], [edit]));

    expect(await row(edit.id)).toMatchObject({ conversationId, type: "edit", body: "Oi, tudo bem? Quero um orçamento", payload: { edit: { originalMessageId: firstId, type: "text" } } });
    expect((await row(firstId))!.body).toBe("Oi, tudo bem?");
    const html = await threadHtml(conversationId);
    expect(html.match(/data-testid="message"/g)).toHaveLength(1);
    expect(html).toContain('data-testid="edited"');
    expect(await threadText(conversationId, "pt-BR")).toMatch(/Oi, tudo bem\? Quero um orçamento Editada/);
  });

  it("revoke: the original is marked deleted by the contact, never opening a conversation", async () => {
    const { waId, firstId, conversationId } = await contactWithConversation();
    await t.db.update(conversations).set({ status: "closed", closedAt: new Date() }).where(eq(conversations.id, conversationId));
    const revoke = inboundMessage(waId, content.revoke(firstId));
    const outcome = await deliverAndRedeliver(messagesNotification(SUPORTE, [{ waId }], [revoke]));

    expect(outcome.result.openedConversations).toEqual([]);
    expect(await row(revoke.id)).toMatchObject({ conversationId, type: "revoke", payload: { revoke: { originalMessageId: firstId } } });
    expect(await threadText(conversationId, "en")).toContain("Deleted by the contact");
    expect(await threadText(conversationId, "pt-BR")).toContain("Apagada pelo contato");
  });
});

describe("what never opens a conversation nor welcomes", () => {
  it("a reaction to an existing message, and its removal: shown on it, in its conversation, even a closed one", async () => {
    const { waId, firstId, conversationId } = await contactWithConversation(VENDAS);
    expect(welcomesTo(waId)).toHaveLength(1);
    await t.db.update(conversations).set({ status: "closed", closedAt: new Date() }).where(eq(conversations.id, conversationId));
    fake.reset();
    opened = [];

    const reaction = inboundMessage(waId, content.reaction(firstId, "❤️"));
    const outcome = await deliverAndRedeliver(messagesNotification(VENDAS, [{ waId }], [reaction]));
    expect(outcome.result.openedConversations).toEqual([]);
    expect(await row(reaction.id)).toMatchObject({ conversationId, type: "reaction", body: "❤️" });
    const contact = await contactBy("waId", waId);
    expect(await conversationsOf(contact!.id)).toHaveLength(1);
    expect(await threadHtml(conversationId)).toMatch(/data-testid="reaction"[^>]*>❤️</);

    const removed = inboundMessage(waId, content.reactionRemoved(firstId));
    await deliverAndRedeliver(messagesNotification(VENDAS, [{ waId }], [removed]));
    expect(await row(removed.id)).toMatchObject({ conversationId, type: "reaction", body: null });
    expect(await threadHtml(conversationId)).not.toContain('data-testid="reaction"');
    expect(await conversationsOf(contact!.id)).toHaveLength(1);
    expect(fake.sent()).toEqual([]);
    expect(opened).toEqual([]);
  });

  it("a removed reaction to a message Fila does not have is kept aside, opening nothing", async () => {
    const waId = newWaId();
    const removed = inboundMessage(waId, content.reactionRemoved(newWamid()));
    await deliverAndRedeliver(messagesNotification(VENDAS, [{ waId }], [removed]));
    expect(await row(removed.id)).toBeUndefined();
    expect((await t.db.select().from(webhookItems).where(eq(webhookItems.itemKey, removed.id)))[0]).toMatchObject({ reason: "unknown_target", state: "ignored" });
    expect(await contactBy("waId", waId).then((c) => (c ? conversationsOf(c.id) : []))).toHaveLength(0);
    expect(welcomesTo(waId)).toHaveLength(0);
  });

  it("system user_changed_number (no contacts array): a note in the contact's thread; the contact gets the new number", async () => {
    const { waId, conversationId } = await contactWithConversation(VENDAS);
    const newNumber = newWaId();
    fake.reset();
    const system = inboundMessage(waId, content.changedNumber(waId, newNumber, "Joana Prado"));
    const outcome = await deliverAndRedeliver(messagesNotification(VENDAS, [], [system]));

    expect(outcome.result.openedConversations).toEqual([]);
    expect(await row(system.id)).toMatchObject({ conversationId, type: "system", authorType: "system", payload: { system: { kind: "user_changed_number", newWaId: newNumber } } });
    expect(await contactBy("waId", newNumber)).toBeDefined();
    expect(fake.sent()).toEqual([]);
    expect(await threadText(conversationId, "en")).toContain(`The contact changed their phone number · New number: +${newNumber}`);
    expect(await threadText(conversationId, "pt-BR")).toContain("O contato mudou de número de telefone");
    // A note is not the contact writing: the reply window does not move.
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation!.lastInboundAt!.getTime()).toBeLessThan(new Date((Number(system.timestamp) + 1) * 1000).getTime());
    expect(previewText({ type: "system", body: null, direction: "in", authorType: "system", systemKind: "user_changed_number" }, translator("en"))).toBe(
      "The contact changed their phone number",
    );

    // Identity changed (security code): a note too, from the new number now.
    const identity = inboundMessage(newNumber, content.identityChanged(newNumber));
    const second = await deliverAndRedeliver(messagesNotification(VENDAS, [], [identity]));
    expect(second.result.openedConversations).toEqual([]);
    expect(await row(identity.id)).toMatchObject({ conversationId, type: "system", payload: { system: { kind: "customer_identity_changed" } } });
    expect(await threadText(conversationId, "pt-BR")).toContain("O código de segurança do contato mudou");
    expect(fake.sent()).toEqual([]);
  });

  it("system user_changed_user_id without from: a note, the contact's user id updated; for an unknown contact, kept aside", async () => {
    const userId = newUserId();
    const first = await deliver(t.db, messagesNotification(VENDAS, [{ userId }], [inboundMessage({ userId }, content.text("oi"))]), options);
    if (first.outcome !== "processed") throw new Error("not processed");
    const conversationId = first.result.messages[0]!.conversationId;
    fake.reset();
    const changed = newUserId();
    const system = inboundMessage({ userId }, content.changedUserId(changed));
    const outcome = await deliverAndRedeliver(messagesNotification(VENDAS, [], [system]));
    expect(outcome.result.openedConversations).toEqual([]);
    expect(await row(system.id)).toMatchObject({ conversationId, type: "system", authorType: "system" });
    expect(await contactBy("userId", changed)).toBeDefined();
    expect(await threadText(conversationId, "en")).toContain("The contact's WhatsApp user id changed");
    expect(fake.sent()).toEqual([]);

    // Nobody Fila knows: nothing to show it in, nothing opened, kept with its reason.
    const stranger = inboundMessage(newWaId(), content.changedNumber("5511900000000", newWaId()));
    await deliverAndRedeliver(messagesNotification(VENDAS, [], [stranger]));
    expect(await row(stranger.id)).toBeUndefined();
    expect((await t.db.select().from(webhookItems).where(eq(webhookItems.itemKey, stranger.id)))[0]).toMatchObject({ reason: "no_conversation", state: "ignored" });
    expect(fake.sent()).toEqual([]);
  });
});

describe("a body mixing what Fila can and cannot use", () => {
  it("stores the good message at once, keeps the others with their reasons, and stores the unknown number's once the channel is added", async () => {
    const good = { waId: newWaId() };
    const userOnly = { userId: newUserId() };
    const elsewhere = { waId: newWaId() };
    const goodMessage = inboundMessage(good.waId, content.text("Quero comprar"));
    const userOnlyMessage = inboundMessage(userOnly, content.text("Sem número"));
    // No sender at all: nothing can be done with it but keep it.
    const noSender = { id: newWamid(), timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "de quem?" } };
    const otherNumberMessage = inboundMessage(elsewhere.waId, content.text("Oi, outro número"));
    const unknownStatusId = newWamid();
    const body = entriesNotification([
      {
        number: SUPORTE,
        contacts: [{ waId: good.waId, name: "Bia" }, { userId: userOnly.userId, username: "@rafa" }],
        messages: [goodMessage, noSender as never, userOnlyMessage],
        statuses: [{ id: unknownStatusId, status: "delivered", recipientId: good.waId }],
      },
      { number: UNKNOWN_NUMBER, contacts: [{ waId: elsewhere.waId, name: "Outro" }], messages: [otherNumberMessage] },
    ]);

    const outcome = await deliverAndRedeliver(body);
    // At once: the good message and the user-id contact's.
    expect(await row(goodMessage.id)).toMatchObject({ body: "Quero comprar" });
    expect(await row(userOnlyMessage.id)).toMatchObject({ body: "Sem número" });
    expect(outcome.result.messages).toHaveLength(2);
    // Kept, each with its reason.
    const kept = await t.db.select().from(webhookItems).where(eq(webhookItems.webhookEventId, outcome.eventId));
    const byReason = Object.fromEntries(kept.map((k) => [k.reason, k]));
    expect(Object.keys(byReason).sort()).toEqual(["invalid", "unknown_channel", "unknown_message"]);
    expect(byReason.invalid).toMatchObject({ kind: "message", state: "invalid", detail: expect.stringContaining("neither from nor from_user_id") });
    expect(byReason.unknown_channel).toMatchObject({ kind: "message", state: "parked", phoneNumberId: UNKNOWN_NUMBER.phoneNumberId, itemKey: otherNumberMessage.id });
    expect(byReason.unknown_message).toMatchObject({ kind: "status", state: "parked", waMessageId: unknownStatusId });
    expect(await row(otherNumberMessage.id)).toBeUndefined();

    // The number is added to Fila: the sweep stores its message (with its contact's name).
    const [group] = await t.db.select().from(channelGroups).where(eq(channelGroups.name, "Financeiro"));
    await t.db.insert(channels).values({ groupId: group!.id, displayNumber: UNKNOWN_NUMBER.displayPhoneNumber, phoneNumberId: UNKNOWN_NUMBER.phoneNumberId });
    await retryPendingWebhooks(t.db, options);
    expect(await row(otherNumberMessage.id)).toMatchObject({ body: "Oi, outro número", direction: "in" });
    expect(await contactBy("waId", elsewhere.waId)).toMatchObject({ profileName: "Outro" });
    expect((await t.db.select().from(webhookItems).where(eq(webhookItems.itemKey, otherNumberMessage.id)))[0]).toMatchObject({ state: "applied" });

    // Redelivered once more after all that: still nothing new.
    const before = await snapshot();
    await deliver(t.db, JSON.stringify(body), options);
    await retryPendingWebhooks(t.db, options);
    const after = await snapshot();
    expect({ ...after, itemStates: undefined }).toEqual({ ...before, itemStates: undefined });
  });

  it("only a body that is not JSON or not a WhatsApp Business Account notification is refused", async () => {
    await expect(deliver(t.db, "{not json", options)).rejects.toThrow(/malformed JSON/);
    await expect(deliver(t.db, JSON.stringify({ object: "page", entry: [{}] }), options)).rejects.toThrow(/not a WhatsApp Business Account notification/);
    // Everything inside may be odd: accepted, kept.
    const odd = await deliver(t.db, JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1" }, { id: "2", changes: [{ field: "messages", value: { messaging_product: "x" } }] }] }), options);
    expect(odd.outcome).toBe("processed");
    const kept = await t.db.select().from(webhookItems).where(eq(webhookItems.webhookEventId, odd.eventId));
    expect(kept.map((k) => [k.kind, k.reason])).toEqual([
      ["entry", "invalid"],
      ["change", "invalid"],
    ]);
    expect(kept[1]!.detail).toContain("messaging_product");
    // A status alone for an unknown number still finds its message by id (statuses need no channel).
    const status = await deliver(t.db, statusesNotification(UNKNOWN_NUMBER, [{ id: newWamid(), status: "read", recipientId: "5511" }]), options);
    expect(status.outcome).toBe("processed");
  });
});
