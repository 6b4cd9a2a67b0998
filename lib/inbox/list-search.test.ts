// Search in what was said: accent-blind, stemmed (Portuguese, English), with the matching
// snippet and the message to open at; names and numbers keep working; filters apply.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { listInboxConversations, type ListParams } from "./conversation-list";
import { SNIPPET_MARK } from "./types";

let t: TestDatabase;
let manager: Actor;
let ana: Actor;
let elisa: Actor;
const about: Record<string, number> = {};
const messageOf: Record<string, number> = {};

async function conversationSaying(group: string, key: string, bodies: string[]) {
  const [id] = (await queueConversations(t.db, await findGroupId(t.db, group), 1)) as [number];
  for (const body of bodies) {
    const [row] = await t.db.execute<{ id: number }>(sql`
      INSERT INTO messages (conversation_id, direction, type, body, author_type) VALUES (${id}, 'in', 'text', ${body}, 'contact') RETURNING id`);
    messageOf[body] = Number(row!.id);
  }
  about[key] = id;
}

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
  ana = await actorOf(t.db, "ana");
  elisa = await actorOf(t.db, "elisa");
  await conversationSaying("Vendas", "boleto", ["Bom dia", "Meu boleto venceu ontem, podem gerar outro?"]);
  await conversationSaying("Financeiro", "boletos", ["Os boletos de março não chegaram"]);
  await conversationSaying("Vendas", "cartao", ["Quero pagar no cartão de crédito"]);
  await conversationSaying("Suporte", "card", ["My credit cards were declined"]);
});
afterAll(() => t.drop());

const found = async (viewer: Actor, search: string, extra: Partial<ListParams> = {}) =>
  (await listInboxConversations(t.db, { viewer, tab: "all", search, ...extra })).items.map((c) => c.id);

describe("message search", () => {
  it("finds words by their stem: boleto finds boletos and the other way round", async () => {
    expect(await found(manager, "boleto")).toEqual(expect.arrayContaining([about.boleto, about.boletos]));
    expect(await found(manager, "boletos")).toEqual(expect.arrayContaining([about.boleto, about.boletos]));
    expect(await found(manager, "boleto")).not.toContain(about.cartao);
  });

  it("does not mind accents or case: cartao, cartão and CARTÃO are one word", async () => {
    for (const search of ["cartao", "cartão", "CARTÃO", "credito"]) expect(await found(manager, search)).toContain(about.cartao);
    expect(await found(manager, "card")).toEqual([about.card]);
  });

  it("shows the matching snippet with the words marked, and the message to open at", async () => {
    const [row] = (await listInboxConversations(t.db, { viewer: manager, tab: "all", search: "cartao" })).items.filter((c) => c.id === about.cartao);
    expect(row!.match).toEqual({
      messageId: messageOf["Quero pagar no cartão de crédito"],
      snippet: `Quero pagar no ${SNIPPET_MARK.start}cartão${SNIPPET_MARK.end} de crédito`,
    });
    const [byName] = (await listInboxConversations(t.db, { viewer: manager, tab: "all", search: "Patricia" })).items;
    expect(byName).toMatchObject({ contactName: "Patrícia Gomes", match: null });
  });

  it("never widens what a viewer sees, and applies the filters", async () => {
    // ana is in Vendas only: the Financeiro conversation stays out of her queue.
    expect((await listInboxConversations(t.db, { viewer: ana, tab: "queue", search: "boletos" })).items.map((c) => c.id)).toEqual([about.boleto]);
    const elisas = (await listInboxConversations(t.db, { viewer: elisa, tab: "queue", search: "boleto" })).items.map((c) => c.id);
    expect(elisas).toContain(about.boletos);
    expect(elisas).not.toContain(about.boleto);
    const financeiro = await found(manager, "boleto", { groupId: await findGroupId(t.db, "Financeiro") });
    expect(financeiro).toContain(about.boletos);
    expect(financeiro).not.toContain(about.boleto);
    expect(await found(manager, "boleto", { status: "closed" })).toEqual([]);
    expect(await found(manager, "boleto", { assignee: "none", awaitingReply: true })).toEqual(expect.arrayContaining([about.boleto, about.boletos]));
    expect(await found(manager, "boleto", { assignee: ana.id })).toEqual([]);
    expect(await found(manager, "boleto", { to: new Date(Date.now() - 86400_000) })).toEqual([]);
  });

  it("a search of only symbols or operators finds nothing and fails nothing", async () => {
    expect(await found(manager, "((( :* ")).toEqual([]);
    expect(await found(manager, "!!! & |")).toEqual([]);
  });
});
