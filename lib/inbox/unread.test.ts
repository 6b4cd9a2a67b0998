// Unread counts per user: what one tab saw clears it for every tab of that user (and for
// nobody else), reports never move back, and only a conversation the user may open counts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { listInboxConversations } from "./conversation-list";
import { readInbox, readUnread } from "./inbox-reads";
import { markConversationRead } from "./unread";

let t: TestDatabase;
let ana: Actor;
let manager: Actor;
let fabio: Actor;
let conversationId: number;
const inbound: number[] = [];

async function customerWrites(body: string) {
  const [row] = await t.db.execute<{ id: number }>(sql`
    INSERT INTO messages (conversation_id, direction, type, body, author_type) VALUES (${conversationId}, 'in', 'text', ${body}, 'contact') RETURNING id`);
  await t.db.execute(sql`UPDATE conversations SET last_message_at = now(), last_inbound_at = now() WHERE id = ${conversationId}`);
  inbound.push(Number(row!.id));
  return row!.id;
}

const unreadOf = async (viewer: Actor, tab: "mine" | "queue" | "all") =>
  (await listInboxConversations(t.db, { viewer, tab })).items.find((c) => c.id === conversationId)?.unreadCount;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  ana = await actorOf(t.db, "ana");
  manager = await actorOf(t.db, "manager");
  fabio = await actorOf(t.db, "fabio");
  [conversationId] = (await queueConversations(t.db, await findGroupId(t.db, "Vendas"), 1)) as [number];
  for (const body of ["Oi", "Tem alguém aí?", "Preciso de ajuda"]) await customerWrites(body);
  await t.db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${ana.id}, assigned_at = now() WHERE id = ${conversationId}`);
});
afterAll(() => t.drop());

describe("unread counts", () => {
  it("count the customer messages each user has not seen, in the rows and the tabs", async () => {
    expect(await unreadOf(ana, "mine")).toBe(3);
    expect(await unreadOf(manager, "all")).toBe(3);
    const before = await readUnread(t.db, ana);
    expect(before.mine).toBeGreaterThanOrEqual(1);
    // Our own replies are not unread.
    await t.db.execute(sql`INSERT INTO messages (conversation_id, direction, type, body, author_type, author_user_id) VALUES (${conversationId}, 'out', 'text', 'Olá!', 'user', ${ana.id})`);
    expect(await unreadOf(ana, "mine")).toBe(3);
  });

  it("one tab's report clears them for the user (every tab reads the same rows) and for nobody else", async () => {
    const mineBefore = (await readUnread(t.db, ana)).mine;
    const allBefore = (await readUnread(t.db, manager)).all!;
    // Tab 1 of ana saw the conversation up to its last message.
    const { signal } = await markConversationRead(t.db, ana, { conversationId, messageId: inbound.at(-1)! });
    expect(signal).toEqual({ type: "conversation.read", userId: ana.id, conversationId });
    // Tab 2 of ana refetches on that signal and reads the same counts.
    expect(await unreadOf(ana, "mine")).toBe(0);
    expect((await readInbox(t.db, ana, { tab: "mine" })).unread.mine).toBe(mineBefore - 1);
    // The manager (another user) has seen nothing.
    expect(await unreadOf(manager, "all")).toBe(3);
    expect((await readUnread(t.db, manager)).all).toBe(allBefore);
  });

  it("a late report from an older tab does not bring them back; a new customer message does", async () => {
    const { signal } = await markConversationRead(t.db, ana, { conversationId, messageId: inbound[0]! });
    expect(signal).toBeNull();
    expect(await unreadOf(ana, "mine")).toBe(0);
    await customerWrites("Alô?");
    expect(await unreadOf(ana, "mine")).toBe(1);
    expect(await unreadOf(manager, "all")).toBe(4);
    await markConversationRead(t.db, manager, { conversationId, messageId: inbound.at(-1)! });
    expect(await unreadOf(manager, "all")).toBe(0);
    expect(await unreadOf(ana, "mine")).toBe(1);
  });

  it("refuses a conversation the user may not open, a message of another conversation, and bad input", async () => {
    const refusal = (input: unknown, actor: Actor = ana) =>
      markConversationRead(t.db, actor, input).then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    expect(await refusal({ conversationId, messageId: inbound[0]! }, fabio)).toBe("forbidden");
    const [other] = await t.db.execute<{ id: number }>(sql`SELECT id FROM messages WHERE conversation_id <> ${conversationId} LIMIT 1`);
    expect(await refusal({ conversationId, messageId: Number(other!.id) })).toBe("not_found");
    expect(await refusal({ conversationId, messageId: "x" })).toBe("invalid_input");
    expect(await refusal({ conversationId: -1, messageId: 1 })).toBe("invalid_input");
    const [row] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversation_reads WHERE user_id = ${fabio.id}`);
    expect(row!.n).toBe(0);
  });

  it("a closed conversation has nothing unread", async () => {
    await t.db.execute(sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${conversationId}`);
    expect((await listInboxConversations(t.db, { viewer: ana, tab: "mine", status: "closed" })).items.find((c) => c.id === conversationId)?.unreadCount).toBe(0);
  });
});
