// Search in what was said: accent-blind, stemmed (Portuguese, English), with the matching
// snippet and the message to open at; names and numbers keep working; filters apply.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { listInboxConversations, RARE_MATCHES, type ListParams } from "./conversation-list";
import { FREQUENT_MESSAGES, searchPlan } from "./list-search";
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

describe("two ways to read a search, one answer", () => {
  // Conversations with activity one second apart, newest last; the word in every third one.
  async function conversationsSaying(word: string, count: number, messagesEach: number) {
    const ids = await queueConversations(t.db, await findGroupId(t.db, "Suporte"), count);
    const saying = ids.filter((_, i) => i % 3 === 0);
    await t.db.execute(sql`
      UPDATE conversations c SET last_message_at = now() - make_interval(secs => ${count} - o.n)
        FROM unnest(${`{${ids.join(",")}}`}::int[]) WITH ORDINALITY AS o(id, n) WHERE c.id = o.id`);
    await t.db.execute(sql`
      INSERT INTO messages (conversation_id, direction, type, body, author_type)
      SELECT c, 'in', 'text', ${`Sobre a ${word}`} || ' número ' || i, 'contact'
        FROM unnest(${`{${saying.join(",")}}`}::int[]) c, generate_series(1, ${messagesEach}) i`);
    // Newest activity first, as All lists them.
    return saying.reverse();
  }

  it("a word found in few conversations is read by their ids: newest first, paged, counted; past the rare limit it would be walked", async () => {
    const expected = await conversationsSaying("parcela", 3 * 60, 1);
    expect(expected.length).toBeGreaterThan(50);
    expect((await searchPlan(t.db, "parcela", 10))?.kind).toBe("walk");
    expect((await searchPlan(t.db, "parcela", RARE_MATCHES))?.kind).toBe("ids");

    const byIds = await listInboxConversations(t.db, { viewer: manager, tab: "all", status: "any", search: "parcela" });
    expect(byIds.items.map((c) => c.id)).toEqual(expected.slice(0, 50));
    expect(byIds.total).toBe(expected.length);
    const next = await listInboxConversations(t.db, { viewer: manager, tab: "all", status: "any", search: "parcela", cursor: byIds.nextCursor! });
    expect(next.items.map((c) => c.id)).toEqual(expected.slice(50, 100));
    expect(next.items[0]!.match?.snippet).toContain(`${SNIPPET_MARK.start}parcela${SNIPPET_MARK.end}`);
  });

  it("a word the index's statistics count in more messages than FREQUENT_MESSAGES is walked; its rows are those the ids would give", async () => {
    const expected = await conversationsSaying("mensalidade", 3 * 40, Math.ceil((FREQUENT_MESSAGES * 1.5) / 40));
    await t.db.execute(sql`ANALYZE messages`);
    expect((await searchPlan(t.db, "mensalidades", RARE_MATCHES))?.kind).toBe("walk");
    expect((await searchPlan(t.db, "reembolso", RARE_MATCHES))?.kind).toBe("ids");

    const walked = await listInboxConversations(t.db, { viewer: manager, tab: "all", status: "any", search: "mensalidades" });
    expect(walked.items.map((c) => c.id)).toEqual(expected);
    expect(walked.total).toBeNull();
    expect(walked.nextCursor).toBeNull();
    // The filters still apply on the walk.
    expect(await found(manager, "mensalidade", { groupId: await findGroupId(t.db, "Vendas") })).toEqual([]);
  });
});
