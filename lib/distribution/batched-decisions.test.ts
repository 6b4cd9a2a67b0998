// Several decisions in one transaction (issue 18): each is made as if the ones before it
// had been written — the winner's load one higher, their turn at the back of the line —
// so a burst decided together goes where one-at-a-time decisions would have sent it,
// each with its own event, reason and time.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { auditDatabase, auditLoadCounters } from "@/test/distribution-audit";
import { createAgents, insertQueuedConversation, insertTestGroup } from "@/test/distribution-fixtures";
import { isoOfMicros, planDecisions, QUEUE_WINDOW, type DecisionInputs } from "./plan-decisions";
import type { AgentFacts } from "./choose-agent";
import { routeNewConversation } from "./drain";

const T = (second: number) => `2025-03-01T12:00:${String(second).padStart(2, "0")}.000000Z`;
const NOW = 1_740_830_400_000_000n; // 2025-03-01T12:00:00Z, later than every T() below but T(0)
const agent = (userId: number, load: number, availableSince: string): AgentFacts => ({
  userId,
  active: true,
  status: "online",
  load,
  availableSince,
  lastAutoAssignedAt: null,
});
const queue = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i, returnedBy: [], lastAgentId: null }));
const inputs = (overrides: Partial<DecisionInputs>): DecisionInputs => ({
  groupId: 1,
  strategy: "balanced",
  onlineOnly: true,
  maxOpenPerAgent: null,
  stickyToLastAgent: false,
  businessHours: null,
  open: true,
  nowMicros: NOW + 60_000_000n,
  queued: queue(5),
  agents: [agent(1, 0, T(1)), agent(2, 2, T(2)), agent(3, 1, T(3))],
  ...overrides,
});

describe("planDecisions", () => {
  it("balanced: each decision sees the loads the ones before it left", () => {
    const plan = planDecisions(inputs({}))!;
    // 1 (0) · 3 and 1 tie at 1, 3 waited longer · 1 (1) · all at 2, 2 waited longest · 3 (2, before 1's newer turn).
    expect(plan.decisions.map((d) => d.winner)).toEqual([1, 3, 1, 2, 3]);
    expect(plan.decisions.map((d) => d.conversationId)).toEqual([100, 101, 102, 103, 104]);
    // The third decision's reason records agent 1 at load 1: the first decision counted.
    expect(plan.decisions[2]!.reason.candidates.find((c) => c.userId === 1)).toMatchObject({ load: 1, eligible: true });
    expect(plan.moreQueued).toBe(false);
  });

  it("dates the decisions one microsecond apart from the transaction's clock, and the turn moves with them", () => {
    const plan = planDecisions(inputs({ strategy: "sequential", queued: queue(4) }))!;
    expect(plan.decisions.map((d) => d.winner)).toEqual([1, 2, 3, 1]);
    expect(plan.decisions.map((d) => d.at)).toEqual([0n, 1n, 2n, 3n].map((i) => isoOfMicros(NOW + 60_000_000n + i)));
    expect(plan.decisions[3]!.reason.candidates.find((c) => c.userId === 1)?.turnKey).toBe(isoOfMicros(NOW + 60_000_000n));
  });

  it("stops at the cap: what nobody may receive waits, and nothing more is queued for this drain", () => {
    const plan = planDecisions(inputs({ maxOpenPerAgent: 2 }))!;
    expect(plan.decisions.map((d) => d.winner)).toEqual([1, 3, 1]);
    expect(plan.moreQueued).toBe(false);
  });

  it("a conversation every eligible agent returned goes to whoever returned it longest ago, and the ones behind it are decided", () => {
    const queued = [{ id: 100, returnedBy: [3, 1, 2], lastAgentId: null }, ...queue(2).map((c) => ({ ...c, id: c.id + 1 }))];
    const plan = planDecisions(inputs({ queued }))!;
    expect(plan.decisions.map((d) => [d.conversationId, d.winner])).toEqual([
      [100, 3],
      [101, 1],
      [102, 1],
    ]);
    expect(plan.decisions[0]!.reason).toMatchObject({ policy: "returned_longest_ago" });
  });

  it("a full window says more may be queued behind it", () => {
    expect(planDecisions(inputs({ queued: queue(QUEUE_WINDOW) }))!.moreQueued).toBe(true);
    expect(planDecisions(inputs({ queued: queue(QUEUE_WINDOW - 1) }))!.moreQueued).toBe(false);
  });

  it("formats microseconds as the facts do", () => {
    expect(isoOfMicros(1_740_830_400_123_456n)).toBe("2025-03-01T12:00:00.123456Z");
    expect(isoOfMicros(1_740_830_400_000_007n)).toBe("2025-03-01T12:00:00.000007Z");
  });
});

describe("a burst in one group", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("is decided a window at a time, in order, every decision with its own event and time, and the audit holds", async () => {
    const agents = await createAgents(t.db, 3, { status: "online" });
    await t.db.execute(sql`UPDATE users SET available_since = clock_timestamp() WHERE id IN ${agents}`);
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: agents });
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await insertQueuedConversation(t.db, group));

    let transactions = 0;
    const counted = createDb(t.url, { max: 2, debug: (_c, query) => void (/^\s*BEGIN/i.test(query) && transactions++) });
    try {
      const { changes } = await routeNewConversation(counted.db, ids[0]!);
      expect(changes.map((c) => c.conversationId)).toEqual(ids);
    } finally {
      await counted.sql.end();
    }
    // 40 decisions: three windows of 16 at most (not 40 transactions).
    expect(transactions).toBe(Math.ceil(40 / QUEUE_WINDOW));

    const events = await t.db.execute<{ id: number; conversationId: number; to: number; at: string }>(sql`
      SELECT id::int, conversation_id AS "conversationId", to_user_id AS "to", created_at::text AS at
        FROM assignment_events WHERE group_id = ${group.groupId} ORDER BY id`);
    expect(events.map((e) => e.conversationId)).toEqual(ids);
    const times = events.map((e) => e.at);
    expect(new Set(times).size).toBe(40);
    expect([...times].sort()).toEqual(times);
    // Balanced over three agents with equal loads: 14, 13, 13.
    const perAgent = agents.map((a) => events.filter((e) => e.to === a).length).sort();
    expect(perAgent).toEqual([13, 13, 14]);
    expect(await auditDatabase(t.db, [group.groupId])).toEqual([]);
    expect(await auditLoadCounters(t.db)).toEqual([]);
  });

  it("writes nothing of a window when a winner's facts changed under it, and decides again", async () => {
    const agents = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: agents });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await insertQueuedConversation(t.db, group));
    // Between the read and the write, agent 0 goes offline: another transaction holds
    // their row while the decision reads, then changes it. The first plan gave agent 0
    // conversations, so it writes nothing; the next one gives all six to agent 1.
    const holder = await t.sql.reserve();
    await holder`BEGIN`;
    await holder`SELECT 1 FROM users WHERE id = ${agents[0]!} FOR UPDATE`;
    const routing = routeNewConversation(t.db, ids[0]!);
    const waiting = async () =>
      (await t.sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n as number;
    await expect.poll(waiting, { timeout: 30_000 }).toBeGreaterThan(0);
    await holder`UPDATE users SET status = 'offline' WHERE id = ${agents[0]!}`;
    await holder`COMMIT`;
    holder.release();
    const { changes } = await routing;
    expect(changes.map((c) => c.to)).toEqual(ids.map(() => agents[1]));
    const rows = await t.db.execute<{ assigneeId: number | null }>(sql`SELECT assignee_id AS "assigneeId" FROM conversations WHERE id IN ${ids}`);
    expect(rows.map((r) => r.assigneeId)).toEqual(ids.map(() => agents[1]));
    expect(await auditDatabase(t.db, [group.groupId])).toEqual([]);
  });
});
