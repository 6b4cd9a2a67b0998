import { sql } from "drizzle-orm";
// The live board: each agent's status, load, last assignment and place in the line,
// ranked by the engine's own rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { routeNewConversation, setAgentStatus } from "@/lib/distribution";
import type { AgentFacts } from "@/lib/distribution/choose-agent";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import { readBoard, turnOrder } from "./index";

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
});
afterAll(() => t.drop());

const agent = (userId: number, facts: Partial<AgentFacts> = {}): AgentFacts => ({
  userId,
  active: true,
  status: "online",
  load: 0,
  availableSince: "2025-01-01T10:00:00.000000Z",
  lastAutoAssignedAt: null,
  ...facts,
});

describe("turnOrder", () => {
  it("sequential: by turn key, the ineligible left out", () => {
    const rules = { strategy: "sequential" as const, onlineOnly: true, maxOpenPerAgent: 2 };
    const order = turnOrder(rules, [
      agent(1, { availableSince: "2025-01-01T10:00:03.000000Z" }),
      agent(2, { availableSince: "2025-01-01T10:00:01.000000Z", lastAutoAssignedAt: "2025-01-01T10:00:05.000000Z" }),
      agent(3, { availableSince: "2025-01-01T10:00:02.000000Z" }),
      agent(4, { status: "paused" }),
      agent(5, { load: 2 }),
    ]);
    expect(order).toEqual([3, 1, 2]);
  });

  it("balanced: by load, then turn key; manual: nobody", () => {
    const agents = [agent(1, { load: 2 }), agent(2, { load: 0, availableSince: "2025-01-01T10:00:09.000000Z" }), agent(3, { load: 0 })];
    expect(turnOrder({ strategy: "balanced", onlineOnly: true, maxOpenPerAgent: null }, agents)).toEqual([3, 2, 1]);
    expect(turnOrder({ strategy: "manual", onlineOnly: true, maxOpenPerAgent: null }, agents)).toEqual([]);
  });
});

describe("readBoard", () => {
  it("refuses a group filter that names no group as bad input, naming the field (400, as the reports do)", async () => {
    const [last] = await t.db.execute<{ max: number }>(sql`SELECT coalesce(max(id), 0)::int AS max FROM channel_groups`);
    await expect(readBoard(t.db, manager, { groupId: last!.max + 1 })).rejects.toMatchObject({ code: "invalid_input", fields: { groupId: "groups.invalid.unknownGroup" } });
  });

  it("shows the queue and each agent, and the sequential line moves as assignments happen", async () => {
    // Timestamps are compared with when the test started, never with how long it took.
    const started = Date.now() - 1000;
    const suporte = await findGroupId(t.db, "Suporte");
    const [carla, diego, elisa] = await Promise.all(["carla", "diego", "elisa"].map((h) => actorOf(t.db, h)));
    // The demo queue of Suporte (one conversation) goes to Diego, the first online, at a
    // moment before Carla comes online: he is still ahead of her in the line.
    await setAgentStatus(t.db, { userId: diego!.id, status: "online" });
    await setAgentStatus(t.db, { userId: carla!.id, status: "online" });

    let board = await readBoard(t.db, manager, { groupId: suporte });
    expect(board.groups).toHaveLength(1);
    let group = board.groups[0]!;
    expect(group).toMatchObject({ name: "Suporte", strategy: "sequential", queueLength: 0, oldestQueuedAt: null });
    expect(group.agents.map((a) => [a.name, a.status, a.turn, a.reason])).toEqual([
      ["Diego Alves", "online", 1, null],
      ["Carla Dias", "online", 2, null],
      ["Elisa Rocha", "offline", null, "offline"],
    ]);
    const diegoRow = group.agents.find((a) => a.userId === diego!.id)!;
    expect(diegoRow.load).toBe(2);
    expect(Date.parse(diegoRow.lastAssignedAt!)).toBeGreaterThanOrEqual(started);

    // Diego receives the next one and goes to the back of the line.
    const [next] = await queueConversations(t.db, suporte, 1);
    expect((await routeNewConversation(t.db, next!)).changes.map((c) => c.to)).toEqual([diego!.id]);
    group = (await readBoard(t.db, manager, { groupId: suporte })).groups[0]!;
    expect(group.agents.map((a) => [a.name, a.turn])).toEqual([
      ["Carla Dias", 1],
      ["Diego Alves", 2],
      ["Elisa Rocha", null],
    ]);

    // Elisa comes online, but nobody else is there to take the queue: she is last in line.
    await setAgentStatus(t.db, { userId: elisa!.id, status: "online" });
    group = (await readBoard(t.db, manager, { groupId: suporte })).groups[0]!;
    expect(group.agents.map((a) => a.turn)).toEqual([1, 2, 3]);

    board = await readBoard(t.db, manager);
    expect(board.groups.map((g) => g.name)).toEqual(["Financeiro", "Suporte", "Vendas"]);
    const financeiro = board.groups[0]!;
    expect(financeiro.queueLength).toBe(2);
    expect(Date.parse(financeiro.oldestQueuedAt!)).toBeLessThan(started - 20 * 60_000);
    expect(financeiro.agents.every((a) => a.turn === null)).toBe(true);
  });

  it("shows the last assignment per group: receiving one in Suporte is nothing to Financeiro", async () => {
    const started = Date.now() - 1000;
    const suporte = await findGroupId(t.db, "Suporte");
    const elisa = await actorOf(t.db, "elisa");
    const [conversationId] = await queueConversations(t.db, suporte, 1);
    await t.db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${elisa.id}, assigned_at = now() WHERE id = ${conversationId!}`);
    await t.db.execute(sql`
      INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, to_user_id, reason)
      VALUES (${conversationId!}, ${suporte}, 'self', ${elisa.id}, ${elisa.id}, '{"strategy":"sequential"}')`);
    const board = await readBoard(t.db, manager);
    const elisaIn = (name: string) => board.groups.find((g) => g.name === name)!.agents.find((a) => a.name === "Elisa Rocha")!;
    expect(Date.parse(elisaIn("Suporte").lastAssignedAt!)).toBeGreaterThanOrEqual(started);
    expect(elisaIn("Financeiro").lastAssignedAt).toBeNull();
  });

  it("leaves inactive members out and marks agents at the cap", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const [ana, bruno] = await Promise.all(["ana", "bruno"].map((h) => actorOf(t.db, h)));
    await t.sql`UPDATE channel_groups SET max_open_per_agent = 1 WHERE id = ${vendas}`;
    await t.sql`UPDATE users SET active = false WHERE id = ${bruno!.id}`;
    await setAgentStatus(t.db, { userId: ana!.id, status: "online" });
    const group = (await readBoard(t.db, manager, { groupId: vendas })).groups[0]!;
    expect(group.agents.map((a) => a.name)).not.toContain("Bruno Lima");
    expect(group.agents.find((a) => a.userId === ana!.id)).toMatchObject({ eligible: false, reason: "atCap", turn: null });
  });
  it("shows each agent's open conversations here and in total apart, and the group's longest waits with contact and reason", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const financeiro = await findGroupId(t.db, "Financeiro");
    const carla = await actorOf(t.db, "carla");
    // Carla is in Vendas and Suporte: what she holds in Suporte counts in her total, not here.
    const suporte = await findGroupId(t.db, "Suporte");
    const [inSuporte] = await queueConversations(t.db, suporte, 1);
    await t.sql`UPDATE conversations SET status = 'assigned', assignee_id = ${carla.id}, assigned_at = now() WHERE id = ${inSuporte!}`;
    const inVendas = (await readBoard(t.db, manager, { groupId: vendas })).groups[0]!.agents.find((a) => a.userId === carla.id)!;
    const [held] = await t.sql`
      SELECT count(*) FILTER (WHERE group_id = ${vendas})::int AS here, count(*)::int AS total
        FROM conversations WHERE assignee_id = ${carla.id} AND status = 'assigned'`;
    expect(held!.total).toBeGreaterThan(held!.here);
    expect([inVendas.loadHere, inVendas.load]).toEqual([held!.here, held!.total]);

    // Financeiro is manual: its queue waits, oldest first, at most five shown, each with why.
    const queued = await queueConversations(t.db, financeiro, 6);
    await t.sql`UPDATE contacts SET profile_name = 'Beatriz Costa' WHERE id = (SELECT contact_id FROM conversations WHERE id = ${queued[0]!})`;
    const group = (await readBoard(t.db, manager, { groupId: financeiro })).groups[0]!;
    expect(group.queueLength).toBeGreaterThan(5);
    expect(group.waiting).toHaveLength(5);
    const times = group.waiting.map((w) => Date.parse(w.queuedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(group.waiting.every((w) => w.reason === "manual")).toBe(true);
    // The demo's two older conversations come first; then the ones queued here.
    expect(group.waiting.map((w) => w.conversationId).slice(2)).toEqual(queued.slice(0, 3));
    expect(group.waiting[2]).toMatchObject({ contactName: "Beatriz Costa" });
    // Other groups' queues are not in it.
    const ids = (await t.sql`SELECT id FROM conversations WHERE group_id <> ${financeiro} AND status = 'queued'`).map((r) => r.id);
    expect(group.waiting.some((w) => ids.includes(w.conversationId))).toBe(false);
  });
});
