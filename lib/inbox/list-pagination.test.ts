// The inbox's lists a page at a time: keyset cursors that neither repeat nor skip a row
// while conversations keep arriving between pages, the total, and a bad cursor refused.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { listInboxConversations, type ListParams } from "./conversation-list";
import { readInbox } from "./inbox-reads";
import { listThreadMessages } from "./thread-messages";

let t: TestDatabase;
let manager: Actor;
let vendas: number;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
  vendas = await findGroupId(t.db, "Vendas");
});
afterAll(() => t.drop());

/** Reads every page, calling between() after each one; the ids in the order shown. */
async function readAllPages(params: Omit<ListParams, "cursor">, between: (page: number) => Promise<void>) {
  const seen: number[] = [];
  let cursor: string | undefined;
  let first: Awaited<ReturnType<typeof listInboxConversations>> | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await listInboxConversations(t.db, { ...params, cursor, limit: 50 });
    first ??= result;
    seen.push(...result.items.map((c) => c.id));
    // The total comes with the first page only.
    if (page > 0) expect(result.total).toBeNull();
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
    await between(page);
  }
  return { seen, total: first!.total };
}

describe("cursor pagination", () => {
  it("Queue: pages in queue order, with new arrivals between pages neither repeated nor skipped", async () => {
    const before = await queueConversations(t.db, vendas, 130);
    const arrivals: number[] = [];
    const { seen, total } = await readAllPages({ viewer: manager, tab: "queue", groupId: vendas }, async () => {
      arrivals.push(...(await queueConversations(t.db, vendas, 7)));
    });
    expect(total).toBeGreaterThanOrEqual(130);
    expect(new Set(seen).size).toBe(seen.length);
    // Oldest first, so every arrival comes after the rows already shown: all of them are reached.
    for (const id of [...before, ...arrivals]) expect(seen).toContain(id);
    expect(seen.indexOf(before[0]!)).toBeLessThan(seen.indexOf(arrivals[0]!));
  });

  it("All: latest first; conversations arriving while scrolling show on the first page, the rest once each", async () => {
    const snapshot = (await t.db.execute<{ id: number }>(sql`SELECT id FROM conversations WHERE status <> 'closed'`)).map((r) => r.id);
    const arrivals: number[] = [];
    const { seen, total } = await readAllPages({ viewer: manager, tab: "all" }, async () => {
      arrivals.push(...(await queueConversations(t.db, vendas, 5)));
    });
    expect(total).toBe(snapshot.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...snapshot].sort((a, b) => a - b));
    const fresh = await listInboxConversations(t.db, { viewer: manager, tab: "all", limit: 50 });
    for (const id of arrivals.slice(-5)) expect(fresh.items.map((c) => c.id)).toContain(id);
  });

  it("never cuts a list: every queued conversation is reachable, and the total says how many", async () => {
    await queueConversations(t.db, vendas, 60);
    const [{ n }] = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE status = 'queued'`)) as unknown as [{ n: number }];
    const { seen, total } = await readAllPages({ viewer: manager, tab: "queue" }, async () => {});
    expect(n).toBeGreaterThan(200);
    expect(seen).toHaveLength(n);
    expect(total).toBe(n);
  });

  it("refuses a cursor it did not give", async () => {
    const refusal = await readInbox(t.db, manager, { tab: "all", cursor: "bm9wZQ" }).then(
      () => null,
      (error: { code?: string; fields?: Record<string, string> }) => [error.code, error.fields],
    );
    expect(refusal).toEqual(["invalid_input", { cursor: "error.invalidValue" }]);
  });

  it("a thread's older messages page before a message, without overlap", async () => {
    const [conversation] = await queueConversations(t.db, vendas, 1);
    await t.db.execute(sql`
      INSERT INTO messages (conversation_id, direction, type, body, author_type, created_at)
      SELECT ${conversation}, 'in', 'text', 'mensagem ' || i, 'contact', now() - make_interval(secs => 300 - i) FROM generate_series(1, 250) i`);
    const latest = await listThreadMessages(t.db, conversation!);
    expect(latest.map((m) => m.body).at(-1)).toBe("mensagem 250");
    expect(latest).toHaveLength(100);
    const older = await listThreadMessages(t.db, conversation!, { before: latest[0]!.id });
    const oldest = await listThreadMessages(t.db, conversation!, { before: older[0]!.id });
    const all = [...oldest, ...older, ...latest].map((m) => m.body);
    expect(all).toEqual(Array.from({ length: 250 }, (_, i) => `mensagem ${i + 1}`));
  });
});
