// Canned replies against real PostgreSQL: managers keep them (global or per group), agents
// see the global ones and their groups', and a conversation's "/" menu fills
// {{contact.name}} and {{agent.name}} for that contact and that agent.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId } from "@/test/groups-fixtures";
import { cannedRepliesForConversation, createCannedReply, deleteCannedReply, listMyCannedReplies, updateCannedReply } from "./canned-replies";

let t: TestDatabase;
let ana: Actor, diego: Actor, manager: Actor;
let vendas: number, suporte: number;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  [ana, diego, manager] = (await Promise.all(["ana", "diego", "manager"].map((h) => actorOf(t.db, h)))) as Actor[] as [Actor, Actor, Actor];
  [vendas, suporte] = await Promise.all([findGroupId(t.db, "Vendas"), findGroupId(t.db, "Suporte")] as const);
  // The demo's own replies aside: these tests define theirs.
  await t.db.execute(sql`DELETE FROM canned_replies`);
});
afterAll(() => t.drop());

/** A Vendas conversation with a named contact. */
async function vendasConversation(profileName: string | null): Promise<number> {
  const [row] = await t.db.execute<{ id: number }>(sql`
    WITH contact AS (INSERT INTO contacts (wa_id, profile_name) VALUES (${`55${Date.now()}${Math.floor(Math.random() * 1000)}`}, ${profileName}) RETURNING id)
    INSERT INTO conversations (contact_id, channel_id, group_id, status)
    SELECT contact.id, (SELECT min(id) FROM channels WHERE group_id = ${vendas}), ${vendas}, 'queued' FROM contact RETURNING id`);
  return row!.id;
}

const fieldsOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e as UserError).fields ?? (e as UserError).code);

describe("canned replies", () => {
  it("fill the contact's and the agent's names in a conversation", async () => {
    await createCannedReply(t.db, manager, { groupId: null, shortcut: "/Ola", body: "Olá {{contact.name}}! Aqui é {{ agent.name }}, como posso ajudar?" });
    await createCannedReply(t.db, manager, { groupId: vendas, shortcut: "preco", body: "{{contact.name}}, a tabela de preços segue." });
    await createCannedReply(t.db, manager, { groupId: suporte, shortcut: "reset", body: "Vamos reiniciar o aparelho." });

    const conversationId = await vendasConversation("Joana Prado");
    const choices = await cannedRepliesForConversation(t.db, ana, conversationId);
    expect(choices.map((c) => [c.shortcut, c.text])).toEqual([
      ["ola", "Olá Joana Prado! Aqui é Ana Souza, como posso ajudar?"],
      ["preco", "Joana Prado, a tabela de preços segue."],
    ]);

    // A display name set in the contact panel wins over the WhatsApp name.
    await t.db.execute(sql`UPDATE contacts SET display_name = 'Jo' WHERE id = (SELECT contact_id FROM conversations WHERE id = ${conversationId})`);
    expect((await cannedRepliesForConversation(t.db, manager, conversationId))[0]!.text).toMatch(/^Olá Jo! Aqui é /);

    // Diego (Suporte) may not open the Vendas conversation; in his list: global and Suporte's.
    expect(await fieldsOf(cannedRepliesForConversation(t.db, diego, conversationId))).toBe("forbidden");
    expect((await listMyCannedReplies(t.db, diego)).map((r) => r.shortcut)).toEqual(["ola", "reset"]);
    expect((await listMyCannedReplies(t.db, manager)).map((r) => r.shortcut)).toEqual(["ola", "preco", "reset"]);
  });

  it("refuse unknown variables, bad shortcuts, duplicates in one scope, and agents", async () => {
    expect(await fieldsOf(createCannedReply(t.db, manager, { groupId: null, shortcut: "pedido", body: "Seu pedido {{order.id}}" }))).toEqual({ body: "canned.invalid.unknownVariable" });
    expect(await fieldsOf(createCannedReply(t.db, manager, { groupId: null, shortcut: "com espaço", body: "x" }))).toEqual({ shortcut: "canned.invalid.shortcut" });
    expect(await fieldsOf(createCannedReply(t.db, manager, { groupId: null, shortcut: "vazio", body: "  " }))).toEqual({ body: "canned.invalid.bodyEmpty" });
    await createCannedReply(t.db, manager, { groupId: vendas, shortcut: "tchau", body: "Até logo!" });
    expect(await fieldsOf(createCannedReply(t.db, manager, { groupId: vendas, shortcut: "TCHAU", body: "Outro" }))).toEqual({ shortcut: "canned.invalid.shortcutTaken" });
    // The same shortcut in another scope is fine.
    const { reply } = await createCannedReply(t.db, manager, { groupId: suporte, shortcut: "tchau", body: "Até mais!" });
    expect(await fieldsOf(createCannedReply(t.db, ana, { groupId: null, shortcut: "minha", body: "x" }))).toBe("forbidden");
    expect(await fieldsOf(updateCannedReply(t.db, ana, { id: reply!.id, groupId: null, shortcut: "x", body: "x" }))).toBe("forbidden");

    const updated = await updateCannedReply(t.db, manager, { id: reply!.id, groupId: "", shortcut: "tchau", body: "Até mais, {{contact.name}}!" });
    expect(updated.reply).toMatchObject({ groupId: null, body: "Até mais, {{contact.name}}!" });
    expect(updated.groupIds).toEqual(expect.arrayContaining([vendas, suporte]));
    await deleteCannedReply(t.db, manager, { id: reply!.id });
    expect((await listMyCannedReplies(t.db, manager)).find((r) => r.id === reply!.id)).toBeUndefined();
  });
});
