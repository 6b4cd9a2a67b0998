// Replay == live: traffic driven through the real engine against real PostgreSQL, then
// read back as history and replayed under the settings in force, gives every
// conversation to the agent the engine really chose (docs/what-if.md#calibration).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { arrive, createAgents, insertReturningConversation, insertTestGroup, seededRandom, type TestGroup } from "@/test/distribution-fixtures";
import { closeConversation, routeNewConversation, setAgentStatus } from "@/lib/distribution";
import { answerWhatIf } from "./answer";
import { loadHistory } from "./load-history";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const now = async () => {
  const [row] = await t.db.execute<{ now: string }>(sql`SELECT clock_timestamp()::text AS now`);
  return new Date(row!.now);
};

/** Arrivals, closings and status changes in a seeded order, each through the engine's own entry points. */
async function driveTraffic(group: TestGroup, agents: number[], seed: number, steps: number) {
  const { next: random, pick } = seededRandom(seed);
  const conversations: number[] = [];
  for (let i = 0; i < steps; i++) {
    // Real traffic is seconds apart; a step every 30 ms keeps the engine's own decision
    // latency (a few ms, the replay's clock error) from reordering events.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const roll = random();
    if (roll < 0.5) {
      // A returning contact now and then (sticky contacts).
      const closed = await t.db.execute<{ id: number }>(sql`SELECT id FROM conversations c WHERE group_id = ${group.groupId} AND status = 'closed'
               AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.contact_id = c.contact_id AND o.channel_id = c.channel_id AND o.status <> 'closed')
             ORDER BY id`);
      if (closed.length > 0 && random() < 0.3) {
        const id = await insertReturningConversation(t.db, group, pick(closed).id);
        conversations.push(id);
        await routeNewConversation(t.db, id);
      } else {
        conversations.push((await arrive(t.db, group)).conversationId);
      }
    } else if (roll < 0.8) {
      const open = await t.db.execute<{ id: number; assigneeId: number }>(
        sql`SELECT id, assignee_id AS "assigneeId" FROM conversations WHERE group_id = ${group.groupId} AND status = 'assigned' ORDER BY id`,
      );
      if (open.length > 0) {
        const c = pick(open);
        await closeConversation(t.db, { actorId: c.assigneeId, conversationId: c.id });
      }
    } else {
      await setAgentStatus(t.db, { userId: pick(agents), status: pick(["online", "online", "paused", "offline"] as const) });
    }
  }
  return conversations;
}

describe("what-if calibration", () => {
  const cases = [
    { strategy: "balanced" as const, maxOpenPerAgent: 3, stickyToLastAgent: false, seed: 11 },
    { strategy: "sequential" as const, maxOpenPerAgent: null, stickyToLastAgent: false, seed: 12 },
    { strategy: "balanced" as const, maxOpenPerAgent: 2, stickyToLastAgent: true, seed: 13 },
  ];
  for (const c of cases) {
    it(`replays ${c.strategy} (cap ${c.maxOpenPerAgent}, sticky ${c.stickyToLastAgent}) with the agents the engine chose`, async () => {
      const agents = await createAgents(t.db, 4, { status: "offline" });
      const group = await insertTestGroup(t.db, { strategy: c.strategy, maxOpenPerAgent: c.maxOpenPerAgent, stickyToLastAgent: c.stickyToLastAgent, members: agents });
      const from = await now();
      for (const userId of agents.slice(0, 3)) await setAgentStatus(t.db, { userId, status: "online" });
      await driveTraffic(group, agents, c.seed, 120);
      const to = new Date((await now()).getTime() + 1000);

      const history = (await loadHistory(t.db, group.groupId, from, to))!;
      const answer = answerWhatIf(history, {});
      const assigned = history.conversations.filter((x) => x.realAuto).length;
      expect(assigned).toBeGreaterThan(20);
      expect(answer.calibration.sameAgentShare).toBeGreaterThanOrEqual(0.95);
      expect(answer.current.perAgent.reduce((s, a) => s + a.conversations, 0) + answer.current.unassigned).toBe(answer.conversations);
    });
  }

  it("answers null for a group that does not exist", async () => {
    expect(await loadHistory(t.db, 987_654, new Date(0), new Date())).toBeNull();
  });
});
