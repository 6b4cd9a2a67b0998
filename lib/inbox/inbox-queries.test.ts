// The inbox's reads against the demo data (db/seed.ts): what each viewer sees in each
// tab, in which order, the counts, search and filters, and the conversation view.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { loadConversationDetail } from "./conversation-detail";
import { countInboxTabs, listInboxConversations, type ListParams } from "./conversation-list";
import { listGroupMembersWithLoad, listVisibleGroups } from "./group-members";
import { listThreadMessages } from "./thread-messages";
import { readConversation, readInbox } from "./inbox-reads";

let t: TestDatabase;
const people: Record<string, Actor> = {};
const groups: Record<string, number> = {};
const conversationOf: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  for (const u of await t.sql`SELECT id, role, split_part(email, '@', 1) AS handle FROM users`) people[u.handle] = { id: u.id, role: u.role };
  for (const g of await t.sql`SELECT id, name FROM channel_groups`) groups[g.name] = g.id;
  for (const c of await t.sql`SELECT c.id, k.profile_name AS name FROM conversations c JOIN contacts k ON k.id = c.contact_id`) {
    conversationOf[c.name.split(" ")[0]] = c.id;
  }
});
afterAll(() => t.drop());

const names = async (viewer: string, params: Omit<ListParams, "viewer">) =>
  (await listInboxConversations(t.db, { viewer: people[viewer]!, ...params })).items.map((c) => c.contactName!.split(" ")[0]);

describe("listInboxConversations", () => {
  it("Mine: the open conversations assigned to me", async () => {
    expect(await names("ana", { tab: "mine" })).toEqual(["Rafael"]);
    expect(await names("fabio", { tab: "mine" })).toEqual(["Camila"]);
    expect(await names("elisa", { tab: "mine" })).toEqual([]);
  });

  it("Queue: the queued conversations of my groups only, oldest first", async () => {
    expect(await names("ana", { tab: "queue" })).toEqual(["Juliana"]);
    // carla is in Vendas and Suporte: Juliana waits 4 min, Thiago 2 min.
    expect(await names("carla", { tab: "queue" })).toEqual(["Juliana", "Thiago"]);
    expect(await names("elisa", { tab: "queue" })).toEqual(["Gustavo", "Beatriz", "Thiago"]);
    expect(await names("manager", { tab: "queue" })).toEqual(["Gustavo", "Beatriz", "Juliana", "Thiago"]);
  });

  it("All: every open conversation, latest activity first; closed ones on request", async () => {
    const open = await names("manager", { tab: "all" });
    expect(open).toHaveLength(8);
    expect(open).not.toContain("Luana");
    expect(await names("manager", { tab: "all", status: "closed" })).toEqual(["Luana"]);
    expect(await names("manager", { tab: "all", status: "any" })).toHaveLength(9);
    expect(await names("carla", { tab: "mine", status: "closed" })).toEqual(["Luana"]);
  });

  it("carries the group, the assignee and the last message", async () => {
    const [rafael] = (await listInboxConversations(t.db, { viewer: people.ana!, tab: "mine" })).items;
    expect(rafael).toMatchObject({
      groupName: "Vendas",
      assigneeId: people.ana!.id,
      assigneeName: "Ana Souza",
      status: "assigned",
      contactNumber: "5511987650002",
      preview: { type: "text", direction: "out", authorType: "user", body: "Claro, Rafael! Vou preparar o orçamento agora." },
      awaitingReply: false,
    });
    expect(new Date(rafael!.queuedAt).toISOString()).toBe(rafael!.queuedAt);
    // Patrícia wrote and nobody answered yet.
    const [patricia] = (await listInboxConversations(t.db, { viewer: people.bruno!, tab: "mine" })).items;
    expect(patricia).toMatchObject({ contactName: "Patrícia Gomes", awaitingReply: true, preview: { direction: "in", authorType: "contact" } });
  });

  it("searches names without minding case or accents, and numbers by their digits", async () => {
    expect(await names("manager", { tab: "all", search: "PATRICIA" })).toEqual(["Patrícia"]);
    expect(await names("manager", { tab: "all", search: "araujo" })).toEqual(["Gustavo"]);
    expect(await names("manager", { tab: "all", search: "+55 21 99876-0004" })).toEqual(["Marcos"]);
    expect(await names("manager", { tab: "all", search: "100%" })).toEqual([]);
    // Search never widens what a viewer sees.
    expect(await names("ana", { tab: "queue", search: "Thiago" })).toEqual([]);
  });

  it("filters by group", async () => {
    expect(await names("manager", { tab: "queue", groupId: groups.Financeiro })).toEqual(["Gustavo", "Beatriz"]);
    expect(await names("elisa", { tab: "queue", groupId: groups.Suporte })).toEqual(["Thiago"]);
  });
});

describe("countInboxTabs", () => {
  it("counts my open conversations, my groups' queue, and all open ones for managers", async () => {
    expect(await countInboxTabs(t.db, people.ana!)).toEqual({ mine: 1, queue: 1, all: null });
    expect(await countInboxTabs(t.db, people.elisa!)).toEqual({ mine: 0, queue: 3, all: null });
    expect(await countInboxTabs(t.db, people.manager!)).toEqual({ mine: 0, queue: 4, all: 8 });
  });
});

describe("the conversation view", () => {
  it("loads contact, channel, group, assignee with status, and the 24-hour window", async () => {
    await t.sql`UPDATE users SET status = 'paused' WHERE id = ${people.diego!.id}`;
    const detail = await loadConversationDetail(t.db, conversationOf.Marcos!);
    expect(detail).toMatchObject({
      status: "assigned",
      group: { id: groups.Suporte, name: "Suporte" },
      channelNumber: "+55 11 4000-0002",
      contact: { name: "Marcos Pereira", number: "5521998760004" },
      assignee: { id: people.diego!.id, name: "Diego Alves", status: "paused" },
    });
    expect(new Date(detail!.windowClosesAt!).getTime() - new Date(detail!.lastInboundAt!).getTime()).toBe(24 * 3600 * 1000);
    expect(await loadConversationDetail(t.db, 999_999)).toBeNull();
  });

  it("lists the thread oldest first with who wrote each message", async () => {
    const thread = await listThreadMessages(t.db, conversationOf.Marcos!);
    expect(thread.map((m) => [m.direction, m.body, m.authorName])).toEqual([
      ["in", "Meu pedido chegou com defeito.", null],
      ["in", "Segue a foto.", null],
      ["out", "Sinto muito, Marcos. Vamos resolver.", "Diego Alves"],
    ]);
    expect(thread[2]).toMatchObject({ status: "read", authorId: people.diego!.id, failureReason: null });
  });

  it("explains a failed message with WhatsApp's reason", async () => {
    await t.db.insert(messages).values({
      conversationId: conversationOf.Marcos!,
      direction: "out",
      type: "text",
      body: "Olá?",
      authorType: "system",
      status: "failed",
      error: { code: 131047, title: "Re-engagement message", error_data: { details: "More than 24 hours have passed" } },
    });
    const thread = await listThreadMessages(t.db, conversationOf.Marcos!);
    expect(thread.at(-1)).toMatchObject({ status: "failed", failureReason: "More than 24 hours have passed", authorName: null });
  });

  it("lists a group's members with status and load, online first", async () => {
    await t.sql`UPDATE users SET status = 'online' WHERE id = ${people.carla!.id}`;
    const members = await listGroupMembersWithLoad(t.db, groups.Vendas!);
    expect(members.map((m) => [m.name, m.status, m.load])).toEqual([
      ["Carla Dias", "online", 0],
      ["Ana Souza", "offline", 1],
      ["Bruno Lima", "offline", 1],
    ]);
  });

  it("offers managers every group and agents their own as filters", async () => {
    expect((await listVisibleGroups(t.db, people.manager!)).map((g) => g.name)).toEqual(["Financeiro", "Suporte", "Vendas"]);
    expect((await listVisibleGroups(t.db, people.elisa!)).map((g) => g.name)).toEqual(["Financeiro", "Suporte"]);
  });
});

describe("the reads as the routes call them (parse, authorize, read)", () => {
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);

  it("say what each viewer may do with a conversation", async () => {
    const none = { take: false, reply: false, transfer: false, close: false, assign: false, reopen: false };
    expect((await readConversation(t.db, people.diego!, conversationOf.Marcos!)).can).toEqual({ ...none, reply: true, transfer: true, close: true });
    expect((await readConversation(t.db, people.carla!, String(conversationOf.Marcos!))).can).toEqual(none);
    expect((await readConversation(t.db, people.manager!, conversationOf.Marcos!)).can).toEqual({ ...none, reply: true, close: true, assign: true });
    expect((await readConversation(t.db, people.ana!, conversationOf.Juliana!)).can).toEqual({ ...none, take: true });
  });

  it("refuse a bad id, a stranger, a tab of managers, and nobody", async () => {
    expect(await refusal(readConversation(t.db, people.ana!, "abc"))).toBe("invalid_input");
    expect(await refusal(readConversation(t.db, people.fabio!, conversationOf.Marcos!))).toBe("forbidden");
    expect(await refusal(readConversation(t.db, people.ana!, 999_999))).toBe("not_found");
    expect(await refusal(readInbox(t.db, people.ana!, { tab: "all" }))).toBe("forbidden");
    expect(await refusal(readInbox(t.db, people.ana!, { tab: "nope" }))).toBe("invalid_input");
    expect(await refusal(readInbox(t.db, null, {}))).toBe("unauthenticated");
    expect((await readInbox(t.db, people.ana!, { tab: "queue" })).items.map((c) => c.contactName)).toContain("Juliana Castro");
  });
});

it("keeps the queue's order by the time each conversation entered it", async () => {
  // Juliana's conversation returns to the queue with its original queued_at (the engine keeps it).
  await t.db.execute(sql`UPDATE conversations SET queued_at = now() - interval '1 hour' WHERE id = ${conversationOf.Thiago!}`);
  expect(await names("carla", { tab: "queue" })).toEqual(["Thiago", "Juliana"]);
});
