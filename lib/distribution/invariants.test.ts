// docs/behaviour.md#distribution invariants 1–7, each under concurrency against real PostgreSQL: many
// operations at once on a pool of 20 connections.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import {
  assignConversation,
  closeConversation,
  drainGroups,
  drainQueue,
  setAgentStatus,
  sweepQueues,
  takeConversation,
  transferConversation,
  type ConversationChange,
  type DistributionResult,
} from "./index";
import { auditAutomaticDecisions, auditChains, auditDatabase, readConversations, readEvents, readRules } from "@/test/distribution-audit";
import {
  arrive,
  createAgents,
  insertTestGroup,
  inParallel,
  insertQueuedConversation,
  loadsOf,
  queuedIn,
  refusedAs,
  seededRandom,
  setStatusWithoutDrain,
  type TestGroup,
} from "@/test/distribution-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
});
afterAll(() => t.drop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spread = (loads: Iterable<number>) => Math.max(...loads) - Math.min(...loads);

async function autoWinners(groupId: number): Promise<number[]> {
  const rows = await t.db.execute<{ to: number }>(
    sql`SELECT to_user_id AS "to" FROM assignment_events WHERE group_id = ${groupId} AND kind = 'auto' ORDER BY id`,
  );
  return rows.map((r) => r.to);
}

describe("docs/behaviour.md#distribution invariants", () => {
  it("1. a conversation has at most one assignee, and each change is recorded exactly once", async () => {
    const agents = await createAgents(t.db, 6, { status: "online" });
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    const groups = [
      await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 3, members: agents }),
      await insertTestGroup(t.db, { strategy: "manual", members: agents }),
    ];
    const random = seededRandom(1);
    const conversations: { id: number; group: TestGroup }[] = [];
    const reported: ConversationChange[] = [];

    await inParallel(16, async () => {
      for (let i = 0; i < 40; i++) {
        const group = random.pick(groups);
        const choice = conversations.length === 0 ? 0 : random.int(8);
        const conversationId = conversations.length === 0 ? 0 : random.pick(conversations).id;
        const agentId = random.pick(agents);
        const operation = (): Promise<DistributionResult> => {
          switch (choice) {
            case 0:
              return arrive(t.db, group).then((r) => (conversations.push({ id: r.conversationId, group }), r));
            case 1:
              return takeConversation(t.db, { agentId, conversationId });
            case 2:
              return assignConversation(t.db, { actorId: manager!, conversationId, agentId });
            case 3:
              return transferConversation(t.db, { actorId: agentId, conversationId, to: { agentId } });
            case 4:
              return transferConversation(t.db, { actorId: agentId, conversationId, to: "queue" });
            case 5:
              return closeConversation(t.db, { actorId: agentId, conversationId });
            case 6:
              return setAgentStatus(t.db, { userId: agentId, status: random.pick(["online", "paused", "offline"] as const) });
            default:
              return drainQueue(t.db, group.groupId);
          }
        };
        const result = await refusedAs(["already_taken", "not_queued", "conflict"], operation());
        if (!(result instanceof UserError)) reported.push(...result.changes);
      }
    });

    const groupIds = groups.map((g) => g.groupId);
    expect(await auditDatabase(t.db, groupIds)).toEqual([]);
    // Every change an operation reported is exactly one event, and every event was reported once.
    const key = (c: { conversationId: number; kind: string; from: number | null; to: number | null }) =>
      `${c.conversationId}/${c.kind}/${c.from}/${c.to}`;
    const events = await readEvents(t.db, groupIds);
    expect(events.map(key).sort()).toEqual(reported.map(key).sort());
    expect(events.length).toBeGreaterThan(100);
  });

  it("2. nothing is lost: every conversation that arrived is either queued or assigned", async () => {
    const agents = await createAgents(t.db, 9, { status: "online" });
    const groups = [
      await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 2, members: agents.slice(0, 6) }),
      await insertTestGroup(t.db, { strategy: "sequential", members: agents.slice(3) }),
      await insertTestGroup(t.db, { strategy: "manual", members: agents }),
    ];
    const random = seededRandom(2);
    const arrived = new Set<number>();
    let arriving = true;
    await Promise.all([
      inParallel(16, async () => {
        for (let i = 0; i < 25; i++) arrived.add((await arrive(t.db, random.pick(groups))).conversationId);
      }).finally(() => (arriving = false)),
      (async () => {
        while (arriving) {
          await setAgentStatus(t.db, { userId: random.pick(agents), status: random.pick(["online", "offline"] as const) });
          await sleep(2);
        }
      })(),
    ]);

    const groupIds = groups.map((g) => g.groupId);
    const stored = await readConversations(t.db, groupIds);
    expect(stored.map((c) => c.id).sort()).toEqual([...arrived].sort());
    for (const c of stored) expect(c.status === "queued" ? c.assigneeId === null : c.status === "assigned" && c.assigneeId !== null).toBe(true);
    expect(stored.filter((c) => c.status === "assigned").length).toBeGreaterThan(0);
    expect(stored.filter((c) => c.status === "queued").length).toBeGreaterThan(0);
    expect(await auditDatabase(t.db, groupIds)).toEqual([]);
  });

  it("3. an automatic strategy never assigns to an agent who is not eligible", async () => {
    // Agents 3–7 belong to both groups: two groups deciding at once must not push them past a cap.
    const agents = await createAgents(t.db, 10, { status: "online" });
    const groups = [
      await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 3, members: agents.slice(0, 8) }),
      await insertTestGroup(t.db, { strategy: "sequential", maxOpenPerAgent: 2, members: agents.slice(3) }),
    ];
    const groupIds = groups.map((g) => g.groupId);
    const random = seededRandom(3);
    // Each agent's status calls, one at a time per agent: between the end of a call that
    // left them paused or offline and the start of the next call, they were not online.
    const calls = new Map<number, { status: string; start: number; end: number }[]>(agents.map((a) => [a, []]));
    let running = true;

    await Promise.all([
      // Paced, so that closings and status changes interleave with the arrivals.
      inParallel(12, async () => {
        for (let i = 0; i < 30; i++) {
          await arrive(t.db, random.pick(groups));
          await sleep(random.int(8));
        }
      }).finally(() => (running = false)),
      inParallel(4, async () => {
        while (running) {
          const [open] = await t.db.execute<{ id: number; assigneeId: number }>(sql`
            SELECT id, assignee_id AS "assigneeId" FROM conversations
             WHERE group_id IN ${groupIds} AND status = 'assigned' ORDER BY random() LIMIT 1`);
          if (open) await refusedAs(["conflict"], closeConversation(t.db, { actorId: open.assigneeId, conversationId: open.id }));
          await sleep(1);
        }
      }),
      ...agents.map(async (userId) => {
        while (running) {
          const status = random.pick(["online", "online", "paused", "offline"] as const);
          const start = Date.now();
          await setAgentStatus(t.db, { userId, status });
          calls.get(userId)!.push({ status, start, end: Date.now() });
          await sleep(5 + random.int(20));
        }
      }),
    ]);

    const events = await readEvents(t.db, groupIds);
    const { rulesOf, membersOf } = await readRules(t.db);
    expect(auditAutomaticDecisions(events, rulesOf, membersOf)).toEqual([]);
    expect(auditChains(events, await readConversations(t.db, groupIds))).toEqual([]);

    const assignedWhileAway = events.filter((e) => {
      if (e.kind !== "auto") return false;
      const history = calls.get(e.to!)!;
      return history.some((call, i) => {
        const next = history[i + 1];
        return call.status !== "online" && e.createdAtMs > call.end + 1 && (!next || e.createdAtMs < next.start - 1);
      });
    });
    expect(assignedWhileAway).toEqual([]);
    // The run exercised it: many decisions, and closings that freed capped agents.
    expect(events.filter((e) => e.kind === "auto").length).toBeGreaterThan(60);
    expect(events.filter((e) => e.kind === "close").length).toBeGreaterThan(30);
    // No takes nor manager assignments here, so nobody ever went past the larger cap.
    for (const load of (await loadsOf(t.db, agents)).values()) expect(load).toBeLessThanOrEqual(3);
  });

  it("4. with no eligible agent nothing is assigned; once one is, the queue drains at once (or at the next sweep after a crash)", async () => {
    const agents = await createAgents(t.db, 6, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 3, members: agents });
    await inParallel(16, async () => {
      for (let i = 0; i < 5; i++) await arrive(t.db, group);
    });
    expect(await queuedIn(t.db, group.groupId)).toHaveLength(80);
    expect(await autoWinners(group.groupId)).toEqual([]);

    // Three agents come online at once: each trigger returns with the queue drained into
    // them (how fast is a figure of scripts/measure-latency.ts, not an assertion here).
    const timed = async (trigger: () => Promise<DistributionResult>) => ({ result: await trigger() });
    const online = await Promise.all(agents.slice(0, 3).map((userId) => timed(() => setAgentStatus(t.db, { userId, status: "online" }))));
    expect(online.flatMap((o) => o.result.changes)).toHaveLength(9);
    expect(await queuedIn(t.db, group.groupId)).toHaveLength(71);

    // A load drops: the close drains one more into its agent.
    const [first] = await autoWinners(group.groupId);
    const [conversation] = await t.db.execute<{ id: number }>(
      sql`SELECT id FROM conversations WHERE assignee_id = ${first!} AND status = 'assigned' LIMIT 1`,
    );
    const closed = await timed(() => closeConversation(t.db, { actorId: first!, conversationId: conversation!.id }));
    expect(closed.result.changes.map((c) => c.kind)).toEqual(["close", "auto"]);

    // The settings change: the caller drains the group.
    await t.db.execute(sql`UPDATE channel_groups SET max_open_per_agent = 5 WHERE id = ${group.groupId}`);
    const raised = await timed(() => drainGroups(t.db, [group.groupId]));
    expect(raised.result.changes).toHaveLength(6);

    // A crash between committing a status and draining: only the sweep sees it.
    await setStatusWithoutDrain(t.db, agents.slice(3), "online");
    expect(await queuedIn(t.db, group.groupId)).toHaveLength(64);
    const swept = await sweepQueues(t.db);
    expect(swept.changes.filter((c) => c.groupId === group.groupId)).toHaveLength(15);
    expect(await queuedIn(t.db, group.groupId)).toHaveLength(49);
    for (const load of (await loadsOf(t.db, agents)).values()) expect(load).toBe(5);
    expect(await auditDatabase(t.db, [group.groupId])).toEqual([]);
  });

  it("5. balanced: with arrivals and no closings, max − min load over the eligible agents is at most 1", async () => {
    const agents = await createAgents(t.db, 12, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: agents });
    for (const userId of agents) await setAgentStatus(t.db, { userId, status: "online" });
    await inParallel(16, async () => {
      for (let i = 0; i < 20; i++) await arrive(t.db, group);
    });

    // Replayed after every single decision, not only at the end.
    const load = new Map(agents.map((a) => [a, 0]));
    const winners = await autoWinners(group.groupId);
    expect(winners).toHaveLength(320);
    for (const winner of winners) {
      load.set(winner, load.get(winner)! + 1);
      expect(spread(load.values())).toBeLessThanOrEqual(1);
    }
    expect(spread((await loadsOf(t.db, agents)).values())).toBeLessThanOrEqual(1);
  });

  it("5. balanced: from uneven loads, every arrival goes to a least-loaded agent, so the spread shrinks to 1 and stays there", async () => {
    // Loads from another group: 0, 1, 3 and 6 open conversations.
    const agents = await createAgents(t.db, 4, { status: "online" });
    const elsewhere = await insertTestGroup(t.db, { strategy: "manual", members: agents });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: agents });
    const start = [0, 1, 3, 6];
    for (const [i, userId] of agents.entries()) {
      for (let n = 0; n < start[i]!; n++) {
        await takeConversation(t.db, { agentId: userId, conversationId: await insertQueuedConversation(t.db, elsewhere) });
      }
    }
    await inParallel(16, async () => {
      for (let i = 0; i < 2; i++) await arrive(t.db, group);
    });

    const load = new Map(agents.map((a, i) => [a, start[i]!]));
    let previous = spread(load.values());
    for (const winner of await autoWinners(group.groupId)) {
      expect(load.get(winner)).toBe(Math.min(...load.values()));
      load.set(winner, load.get(winner)! + 1);
      const now = spread(load.values());
      expect(now).toBeLessThanOrEqual(Math.max(previous, 1));
      previous = now;
    }
    expect(previous).toBeLessThanOrEqual(1);
  });

  it("6. sequential: with a fixed set of online agents, assignments cycle in the order they became available", async () => {
    const agents = await createAgents(t.db, 8, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", members: agents });
    const random = seededRandom(6);
    const order = [...agents].sort(() => random.next() - 0.5);
    for (const userId of order) await setAgentStatus(t.db, { userId, status: "online" });
    await inParallel(16, async () => {
      for (let i = 0; i < 10; i++) await arrive(t.db, group);
    });

    const winners = await autoWinners(group.groupId);
    expect(winners).toEqual(Array.from({ length: 160 }, (_, i) => order[i % order.length]));
  });

  it("7. when N agents take the same queued conversation at once, exactly one succeeds and the others are told who has it", async () => {
    const agents = await createAgents(t.db, 20);
    const group = await insertTestGroup(t.db, { strategy: "manual", members: agents });
    const conversations = await Promise.all(Array.from({ length: 10 }, () => insertQueuedConversation(t.db, group)));
    const names = new Map(
      (await t.db.execute<{ id: number; name: string }>(sql`SELECT id, name FROM users WHERE id IN ${agents}`)).map((u) => [u.id, u.name]),
    );

    // 200 takes at once: 20 agents on each of 10 conversations.
    const outcomes = await Promise.all(
      conversations.flatMap((conversationId) =>
        agents.map(async (agentId) => ({
          conversationId,
          agentId,
          result: await refusedAs(["already_taken"], takeConversation(t.db, { agentId, conversationId })),
        })),
      ),
    );

    const stored = new Map((await readConversations(t.db, [group.groupId])).map((c) => [c.id, c]));
    for (const conversationId of conversations) {
      const mine = outcomes.filter((o) => o.conversationId === conversationId);
      const winners = mine.filter((o) => !(o.result instanceof UserError));
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.agentId;
      expect(stored.get(conversationId)).toMatchObject({ status: "assigned", assigneeId: winner });
      for (const loser of mine.filter((o) => o.result instanceof UserError)) {
        const error = loser.result as UserError;
        expect(error.params).toEqual({ name: names.get(winner), assigneeId: winner });
        expect(error.message).toBe(`${names.get(winner)} already took this conversation.`);
      }
    }
    const events = await readEvents(t.db, [group.groupId]);
    expect(events.map((e) => e.kind)).toEqual(Array(10).fill("self"));
  });
});
