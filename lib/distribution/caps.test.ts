// maxOpenPerAgent: load counts open conversations in every group, and nothing, not even
// two groups deciding at once, pushes an agent past the cap.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { closeConversation, takeConversation } from "./index";
import { auditDatabase } from "@/test/distribution-audit";
import { arrive, createAgents, insertTestGroup, inParallel, insertQueuedConversation, loadsOf, queuedIn } from "@/test/distribution-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
});
afterAll(() => t.drop());

async function openOf(userId: number): Promise<number[]> {
  const rows = await t.db.execute<{ id: number }>(
    sql`SELECT id FROM conversations WHERE assignee_id = ${userId} AND status = 'assigned' ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

describe("maxOpenPerAgent", () => {
  it("an agent at the cap gets nothing more; a close frees them and the queue drains into them", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const capped = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 2, members: [a!, b!] });
    const uncapped = await insertTestGroup(t.db, { strategy: "sequential", members: [a!] });

    await inParallel(6, () => arrive(t.db, capped).then(() => undefined));
    expect(await loadsOf(t.db, [a!, b!])).toEqual(new Map([[a!, 2], [b!, 2]]));
    const waiting = await queuedIn(t.db, capped.groupId);
    expect(waiting).toHaveLength(2);

    // Load counts every group: a's conversation elsewhere keeps a at the cap here.
    await arrive(t.db, uncapped);
    expect((await loadsOf(t.db, [a!])).get(a!)).toBe(3);

    const closedB = await closeConversation(t.db, { actorId: b!, conversationId: (await openOf(b!))[0]! });
    expect(closedB.changes.map((c) => [c.kind, c.conversationId, c.to])).toEqual([
      ["close", closedB.changes[0]!.conversationId, null],
      ["auto", waiting[0], b],
    ]);

    const [first, second] = await openOf(a!);
    expect((await closeConversation(t.db, { actorId: a!, conversationId: first! })).changes).toHaveLength(1);
    const closedA = await closeConversation(t.db, { actorId: a!, conversationId: second! });
    expect(closedA.changes.map((c) => [c.kind, c.to])).toEqual([
      ["close", null],
      ["auto", a],
    ]);
    expect(closedA.changes[1]!.conversationId).toBe(waiting[1]);
    expect(await queuedIn(t.db, capped.groupId)).toEqual([]);
    expect(await auditDatabase(t.db, [capped.groupId, uncapped.groupId])).toEqual([]);
  });

  it("two groups deciding at once never push a shared agent past the cap", async () => {
    const [shared] = await createAgents(t.db, 1, { status: "online" });
    const groups = [
      await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 4, members: [shared!] }),
      await insertTestGroup(t.db, { strategy: "sequential", maxOpenPerAgent: 4, members: [shared!] }),
    ];
    await inParallel(16, async (worker) => {
      for (let i = 0; i < 3; i++) await arrive(t.db, groups[worker % 2]!);
    });
    expect((await loadsOf(t.db, [shared!])).get(shared!)).toBe(4);
    expect((await queuedIn(t.db, groups[0]!.groupId)).length + (await queuedIn(t.db, groups[1]!.groupId)).length).toBe(44);
    expect(await auditDatabase(t.db, groups.map((g) => g.groupId))).toEqual([]);
  });

  it("binds the strategies only: an agent may take past it, and then receives nothing until back under it", async () => {
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 1, members: [a!] });
    await arrive(t.db, group);
    const [queued] = await queuedIn(t.db, [(await arrive(t.db, group)).conversationId].length && group.groupId);
    await takeConversation(t.db, { agentId: a!, conversationId: queued! });
    const waiting = await insertQueuedConversation(t.db, group);
    const [one, two] = await openOf(a!);
    expect((await closeConversation(t.db, { actorId: a!, conversationId: one! })).changes).toHaveLength(1);
    expect(await queuedIn(t.db, group.groupId)).toEqual([waiting]);
    const closed = await closeConversation(t.db, { actorId: a!, conversationId: two! });
    expect(closed.changes.map((c) => [c.kind, c.conversationId])).toEqual([
      ["close", two],
      ["auto", waiting],
    ]);
  });
});
