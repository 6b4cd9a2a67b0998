// A whole working day compressed: 2,000 conversations arrive from 16 connections into
// three groups (one per strategy) while 30 agents go online, paused and offline at
// random, take conversations, transfer them and close them. Then two quiet phases,
// one per automatic strategy, check fairness and order. Every invariant is checked on
// the events and on the final state.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { User } from "@/db/schema";
import { readAgentFacts } from "./candidates";
import { chooseAgent } from "./choose-agent";
import {
  closeConversation,
  setAgentStatus,
  takeConversation,
  transferConversation,
} from "./index";
import { auditAutomaticDecisions, auditChains, auditLoadCounters, readConversations, readEvents, readRules, type AuditedEvent } from "@/test/distribution-audit";
import { arrive, createAgents, insertTestGroup, inParallel, loadsOf, queuedIn, refusedAs, seededRandom, type TestGroup } from "@/test/distribution-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
});
afterAll(() => t.drop());

const CHAOS_ARRIVALS = 1_680;
const QUIET_ARRIVALS = 160;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const random = seededRandom(20_250_301);

type StatusCall = { status: User["status"]; start: number; end: number };

describe("a concurrent run", () => {
  it("keeps every invariant with 2,000 conversations, 30 agents and 16 connections", async () => {
    const agents = await createAgents(t.db, 30, { status: "offline" });
    // Agents 10–19 are in both automatic groups; everyone is in the manual one.
    const balanced = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 12, members: agents.slice(0, 20) });
    const sequential = await insertTestGroup(t.db, { strategy: "sequential", members: agents.slice(10) });
    const manual = await insertTestGroup(t.db, { strategy: "manual", members: agents });
    const groups = [balanced, sequential, manual];
    const groupIds = groups.map((g) => g.groupId);
    const membersOf = (group: TestGroup) =>
      group === balanced ? agents.slice(0, 20) : group === sequential ? agents.slice(10) : agents;

    // ── Phase 1: everything at once ──────────────────────────────────────────────
    const arrived: number[] = [];
    const calls = new Map<number, StatusCall[]>(agents.map((a) => [a, []]));
    const setStatus = async (userId: number, status: User["status"]) => {
      const start = Date.now();
      await setAgentStatus(t.db, { userId, status });
      calls.get(userId)!.push({ status, start, end: Date.now() });
    };
    const randomOpen = async (status: "queued" | "assigned") => {
      const [row] = await t.db.execute<{ id: number; groupId: number; assigneeId: number | null }>(sql`
        SELECT id, group_id AS "groupId", assignee_id AS "assigneeId" FROM conversations
         WHERE status = ${status} AND group_id IN ${groupIds}
         ORDER BY random() LIMIT 1`);
      return row;
    };
    let producing = true;
    let handled = 0;
    const started = performance.now();

    await Promise.all([
      inParallel(16, async () => {
        while (arrived.length < CHAOS_ARRIVALS) {
          arrived.push(-1);
          const { conversationId } = await arrive(t.db, random.pick(groups));
          arrived[arrived.indexOf(-1)] = conversationId;
          await sleep(random.int(16));
        }
        // Whatever the machine's speed, the other loops get their share of the run.
        while (handled < 400) await sleep(10);
      }).finally(() => (producing = false)),
      // Presence: each agent's changes are serialized (one loop owns them), so the
      // intervals between them are known.
      inParallel(4, async (loop) => {
        const mine = agents.filter((_, i) => i % 4 === loop);
        while (producing) {
          await setStatus(random.pick(mine), random.pick(["online", "online", "online", "paused", "offline"] as const));
          await sleep(random.int(10));
        }
      }),
      inParallel(2, async () => {
        while (producing) {
          const queued = await randomOpen("queued");
          if (queued) {
            const group = groups.find((g) => g.groupId === queued.groupId)!;
            const agentId = random.pick(membersOf(group));
            await refusedAs(["already_taken", "not_queued"], takeConversation(t.db, { agentId, conversationId: queued.id }));
          }
          await sleep(random.int(5));
        }
      }),
      inParallel(5, async (loop) => {
        while (producing) {
          const open = await randomOpen("assigned");
          if (open) {
            const actorId = open.assigneeId!;
            const group = groups.find((g) => g.groupId === open.groupId)!;
            const operation =
              loop < 2 && random.next() < 0.4
                ? transferConversation(t.db, {
                    actorId,
                    conversationId: open.id,
                    to: random.next() < 0.5 ? "queue" : { agentId: random.pick(membersOf(group)) },
                  })
                : closeConversation(t.db, { actorId, conversationId: open.id });
            await refusedAs(["conflict"], operation);
            handled++;
          }
          await sleep(random.int(3));
        }
      }),
    ]);
    const chaosSeconds = (performance.now() - started) / 1000;

    // Every trigger drained before it returned: no automatic group is left with a
    // queue while one of its members is eligible (invariant 4, without any sweep).
    for (const group of [balanced, sequential]) {
      const [rules] = await t.db.execute<{ strategy: "balanced" | "sequential"; onlineOnly: boolean; maxOpenPerAgent: number | null }>(sql`
        SELECT strategy, online_only AS "onlineOnly", max_open_per_agent AS "maxOpenPerAgent" FROM channel_groups WHERE id = ${group.groupId}`);
      const waiting = await queuedIn(t.db, group.groupId);
      if (waiting.length > 0) expect(chooseAgent(rules!, await readAgentFacts(t.db, group.groupId)).winner).toBeNull();
    }

    const chaosEvents = await readEvents(t.db, groupIds);
    const kinds = new Map<string, number>();
    for (const e of chaosEvents) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    // The run really exercised every path.
    for (const kind of ["auto", "self", "transfer", "requeue", "close"]) expect(kinds.get(kind) ?? 0).toBeGreaterThan(10);
    expect(assignedWhileAway(chaosEvents, calls, new Set([balanced.groupId, sequential.groupId]))).toEqual([]);

    // ── Phase 2: balanced, arrivals only, a fixed set of online agents ───────────
    await everyoneOfflineAndNothingOpen(agents, groupIds);
    const fair = agents.slice(0, 15);
    for (const userId of fair) await setAgentStatus(t.db, { userId, status: "online" });
    const beforeFair = await lastEventId();
    await inParallel(16, async () => {
      for (let i = 0; i < QUIET_ARRIVALS / 16; i++) arrived.push((await arrive(t.db, balanced)).conversationId);
    });
    const fairWinners = (await readEvents(t.db, [balanced.groupId])).filter((e) => e.id > beforeFair && e.kind === "auto");
    expect(fairWinners).toHaveLength(QUIET_ARRIVALS);
    const load = new Map(fair.map((a) => [a, 0]));
    for (const e of fairWinners) {
      load.set(e.to!, load.get(e.to!)! + 1);
      expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
    }

    // ── Phase 3: sequential, arrivals only, agents come online in a known order ──
    for (const userId of fair) await setAgentStatus(t.db, { userId, status: "offline" });
    const line = agents.slice(15).sort(() => random.next() - 0.5);
    for (const userId of line) await setAgentStatus(t.db, { userId, status: "online" });
    const beforeLine = await lastEventId();
    await inParallel(16, async () => {
      for (let i = 0; i < QUIET_ARRIVALS / 16; i++) arrived.push((await arrive(t.db, sequential)).conversationId);
    });
    const lineWinners = (await readEvents(t.db, [sequential.groupId])).filter((e) => e.id > beforeLine && e.kind === "auto");
    expect(lineWinners.map((e) => e.to)).toEqual(Array.from({ length: QUIET_ARRIVALS }, (_, i) => line[i % line.length]));

    // ── The whole run ───────────────────────────────────────────────────────────
    expect(arrived.length).toBeGreaterThanOrEqual(2_000);
    const conversations = await readConversations(t.db, groupIds);
    expect(conversations.map((c) => c.id).sort((a, b) => a - b)).toEqual([...arrived].sort((a, b) => a - b));
    const events = await readEvents(t.db, groupIds);
    const rules = await readRules(t.db);
    expect(auditChains(events, conversations)).toEqual([]);
    expect(auditAutomaticDecisions(events, rules.rulesOf, rules.membersOf)).toEqual([]);
    expect(await auditLoadCounters(t.db)).toEqual([]);
    console.info(
      `concurrent run: ${arrived.length} conversations, ${events.length} events (${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}), chaos phase ${chaosSeconds.toFixed(1)} s`,
    );
    // The outcome is what is tested; a loaded machine only makes it slower (the figure above).
  }, 20 * 60_000);
});

async function lastEventId(): Promise<number> {
  const [row] = await t.db.execute<{ id: number }>(sql`SELECT coalesce(max(id), 0)::int AS id FROM assignment_events`);
  return row!.id;
}

async function everyoneOfflineAndNothingOpen(agents: number[], groupIds: number[]) {
  await inParallel(8, async (loop) => {
    for (const userId of agents.filter((_, i) => i % 8 === loop)) await setAgentStatus(t.db, { userId, status: "offline" });
  });
  const open = await t.db.execute<{ id: number }>(
    sql`SELECT id FROM conversations WHERE status <> 'closed' AND group_id IN ${groupIds} ORDER BY id`,
  );
  await inParallel(8, async (loop) => {
    for (const { id } of open.filter((_, i) => i % 8 === loop)) await closeConversation(t.db, { actorId: agents[0]!, conversationId: id });
  });
  for (const load of (await loadsOf(t.db, agents)).values()) expect(load).toBe(0);
}

/**
 * Automatic assignments made while the agent was known to be away: after a status call
 * that left them paused or offline had returned, and before the next one started.
 */
function assignedWhileAway(events: AuditedEvent[], calls: Map<number, StatusCall[]>, onlineOnlyGroups: Set<number>) {
  return events.filter((e) => {
    if (e.kind !== "auto" || !onlineOnlyGroups.has(e.groupId)) return false;
    const history = calls.get(e.to!)!;
    return history.some((call, i) => {
      const next = history[i + 1];
      return call.status !== "online" && e.createdAtMs > call.end + 1 && (!next || e.createdAtMs < next.start - 1);
    });
  });
}
