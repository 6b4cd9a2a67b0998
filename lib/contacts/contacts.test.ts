// Contact history and the contact panel against real PostgreSQL: through a conversation
// the reader may see, the contact's earlier conversations the reader may see too (never
// another team's, nor one still in the entry menu, for an agent); the panel's edit is
// validated, authorized and audited.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contacts } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { closeConversation } from "@/lib/distribution";
import { UserError } from "@/lib/errors";
import { readThread } from "@/lib/inbox/inbox-reads";
import { addNoteAs } from "@/lib/notes/add-note";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";
import { deliver, newWaId, SUPORTE, testGraphConfig, VENDAS } from "@/test/whatsapp-fixtures";
import { HISTORY_PAGE_SIZE, readContactHistory, readHistoryThread } from "./contact-history";
import { readContactPanel, updateContactAs } from "./contact-panel";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let ana: Actor, diego: Actor, manager: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  [ana, diego, manager] = (await Promise.all(["ana", "diego", "manager"].map((h) => actorOf(t.db, h)))) as Actor[] as [Actor, Actor, Actor];
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

async function write(channel: typeof VENDAS, waId: string, text: string): Promise<number> {
  const outcome = await deliver(t.db, messagesNotification(channel, [{ waId, name: "Marina Lopes" }], [inboundMessage(waId, content.text(text))]), { graph });
  if (outcome.outcome !== "processed") throw new Error("not processed");
  return outcome.result.messages[0]!.conversationId;
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e as UserError).code);

describe("contact history", () => {
  it("shows earlier conversations the reader may see, of any group, through one they may see", async () => {
    const waId = newWaId();
    const earlier = await write(VENDAS, waId, "Meu boleto não chegou");
    await addNoteAs(t.db, manager, { conversationId: earlier, body: "cliente antigo" });
    await closeConversation(t.db, { actorId: manager.id, conversationId: earlier });
    const current = await write(VENDAS, waId, "Quero comprar de novo");

    // Ana (Vendas) sees the earlier Vendas conversation in the history of her Vendas one, notes included.
    const page = await readContactHistory(t.db, ana, current);
    expect(page.items.map((c) => c.id)).toEqual([earlier]);
    expect(page.items[0]).toMatchObject({ status: "closed", groupName: "Vendas" });
    expect(page.items[0]!.closedAt).not.toBeNull();
    const thread = await readHistoryThread(t.db, ana, current, earlier);
    expect(thread.map((m) => m.body)).toEqual(expect.arrayContaining(["Meu boleto não chegou", "cliente antigo"]));

    // Diego (Suporte) may not see the Vendas conversation, so not its history either.
    expect(await refusal(readContactHistory(t.db, diego, current))).toBe("forbidden");
    expect(await refusal(readHistoryThread(t.db, diego, current, earlier))).toBe("forbidden");

    // Another contact's conversation is not in this history, whoever asks.
    const stranger = await write(VENDAS, newWaId(), "Oi");
    expect(await refusal(readHistoryThread(t.db, manager, current, stranger))).toBe("not_found");
    // Only earlier conversations: the later one is not "history" of the earlier one.
    expect((await readContactHistory(t.db, manager, earlier)).items).toEqual([]);
    expect(await refusal(readHistoryThread(t.db, manager, earlier, current))).toBe("not_found");
    expect(await refusal(readHistoryThread(t.db, manager, current, current))).toBe("not_found");
  });

  it("never opens another team's conversation, nor its private notes, through a contact both teams share (issue 25 item 1)", async () => {
    const waId = newWaId();
    const suporte = await write(SUPORTE, waId, "Meu boleto não chegou");
    await addNoteAs(t.db, diego, { conversationId: suporte, body: "segredo do Suporte" });
    const vendas = await write(VENDAS, waId, "Quero comprar");

    // Ana (Vendas) may see her team's conversation, but the Suporte one is not in its history…
    expect((await readContactHistory(t.db, ana, vendas)).items).toEqual([]);
    // …and asking for it by id is "not found", exactly as for an id that does not exist.
    expect(await refusal(readHistoryThread(t.db, ana, vendas, suporte))).toBe("not_found");
    expect(await refusal(readHistoryThread(t.db, ana, vendas, 2_000_000_000))).toBe("not_found");
    expect(await refusal(readThread(t.db, ana, suporte))).toBe("forbidden");

    // A manager sees both, the note included; once the Suporte conversation is Ana's, she does too.
    const managerThread = await readHistoryThread(t.db, manager, vendas, suporte);
    expect(managerThread.map((m) => m.body)).toEqual(expect.arrayContaining(["Meu boleto não chegou", "segredo do Suporte"]));
    await t.sql`UPDATE conversations SET status = 'assigned', assignee_id = ${ana.id}, assigned_at = now() WHERE id = ${suporte}`;
    expect((await readContactHistory(t.db, ana, vendas)).items.map((c) => c.id)).toEqual([suporte]);
    expect((await readHistoryThread(t.db, ana, vendas, suporte)).map((m) => m.body)).toContain("segredo do Suporte");
  });

  it("keeps a conversation still in the entry menu to managers (docs/behaviour.md, Entry menu)", async () => {
    const waId = newWaId();
    const menu = await write(VENDAS, waId, "1");
    const current = await write(SUPORTE, waId, "Oi");
    await t.sql`UPDATE conversations SET group_id = (SELECT group_id FROM conversations WHERE id = ${current}), status = 'routing' WHERE id = ${menu}`;

    expect((await readContactHistory(t.db, diego, current)).items).toEqual([]);
    expect(await refusal(readHistoryThread(t.db, diego, current, menu))).toBe("not_found");
    expect((await readContactHistory(t.db, manager, current)).items.map((c) => c.id)).toEqual([menu]);
    expect((await readHistoryThread(t.db, manager, current, menu)).map((m) => m.body)).toContain("1");
  });

  it("pages with a keyset cursor, latest first, nothing twice or skipped", async () => {
    const waId = newWaId();
    const ids: number[] = [];
    for (let i = 0; i < HISTORY_PAGE_SIZE + 3; i++) {
      const id = await write(SUPORTE, waId, `pedido ${i}`);
      await closeConversation(t.db, { actorId: manager.id, conversationId: id });
      ids.push(id);
    }
    const current = await write(SUPORTE, waId, "de novo");
    const first = await readContactHistory(t.db, manager, current);
    expect(first.items).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await readContactHistory(t.db, manager, current, { before: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual([...ids].reverse());
    expect(await refusal(readContactHistory(t.db, manager, current, { before: "1 OR 1=1" }))).toBe("invalid_input");
  });
});

describe("the contact panel", () => {
  it("shows who the contact is and edits the display name and note, audited", async () => {
    const waId = newWaId();
    const first = await write(VENDAS, waId, "Oi");
    await closeConversation(t.db, { actorId: manager.id, conversationId: first });
    const conversationId = await write(VENDAS, waId, "Oi de novo");

    const panel = await readContactPanel(t.db, ana, conversationId);
    expect(panel).toMatchObject({ name: "Marina Lopes", phone: waId, conversationCount: 2, displayName: null, note: null });

    const { contact } = await updateContactAs(t.db, ana, { conversationId, displayName: "  Marina (cliente VIP) ", note: "Prefere ser chamada pela manhã.\nCliente desde 2020." });
    expect(contact).toMatchObject({ name: "Marina (cliente VIP)", profileName: "Marina Lopes", note: "Prefere ser chamada pela manhã.\nCliente desde 2020." });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, contact.id)).orderBy(sql`id DESC`).limit(1);
    expect(audit).toMatchObject({ entity: "contact", actorId: ana.id, changes: { displayName: { from: null, to: "Marina (cliente VIP)" } } });

    // Empty clears the display name: the WhatsApp name shows again.
    const cleared = await updateContactAs(t.db, ana, { conversationId, displayName: " ", note: "Prefere ser chamada pela manhã.\nCliente desde 2020." });
    expect(cleared.contact.name).toBe("Marina Lopes");
  });

  it("refuses bad input and strangers, and changes nothing", async () => {
    const conversationId = await write(VENDAS, newWaId(), "Oi");
    const before = await t.db.select().from(contacts).where(sql`id = (SELECT contact_id FROM conversations WHERE id = ${conversationId})`);
    const bad = async (input: Record<string, unknown>) => {
      const error = await updateContactAs(t.db, ana, { conversationId, displayName: null, note: null, ...input } as never).catch((e: unknown) => e as UserError);
      expect(error).toBeInstanceOf(UserError);
      return (error as UserError).fields;
    };
    expect(await bad({ displayName: "x".repeat(101) })).toEqual({ displayName: "contact.invalid.nameTooLong" });
    expect(await bad({ displayName: "Ma\u0000ria" })).toEqual({ displayName: "input.invalid.control" });
    expect(await bad({ displayName: "Linha\nquebrada" })).toEqual({ displayName: "input.invalid.control" });
    expect(await bad({ note: "n".repeat(2001) })).toEqual({ note: "contact.invalid.noteTooLong" });
    expect(await bad({ displayName: 42 })).toEqual({ displayName: "error.invalidValue" });
    expect(await refusal(updateContactAs(t.db, diego, { conversationId, displayName: "Hacker", note: null }))).toBe("forbidden");
    expect(await refusal(readContactPanel(t.db, diego, conversationId))).toBe("forbidden");
    const after = await t.db.select().from(contacts).where(sql`id = (SELECT contact_id FROM conversations WHERE id = ${conversationId})`);
    expect(after).toEqual(before);
  });
});
