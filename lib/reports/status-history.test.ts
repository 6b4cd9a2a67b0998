// Every change of an agent's status is recorded with who made it — by the agent, by
// presence (the last tab closed), by deactivation — and the board shows since when.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { readBoard } from "@/lib/board";
import { setAgentStatus } from "@/lib/distribution";
import { actorOf } from "@/test/groups-fixtures";
import { createPresenceTracker } from "@/lib/realtime/presence";
import { setUserActive } from "@/lib/team/user-active";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

const history = async (userId: number) =>
  (await t.sql<{ status: string; source: string }[]>`
    SELECT status, source FROM agent_status_history WHERE user_id = ${userId} ORDER BY changed_at, id`).map((r) => `${r.status}/${r.source}`);

describe("agent status history", () => {
  it("records the agent's own changes, presence and deactivation, and nothing when nothing changes", async () => {
    const ana = await actorOf(t.db, "ana");
    const manager = await actorOf(t.db, "manager");
    const before = await history(ana.id);
    expect(before.at(-1)).toBe("offline/system"); // created offline by the seed

    await setAgentStatus(t.db, { userId: ana.id, status: "online" });
    await setAgentStatus(t.db, { userId: ana.id, status: "online" }); // no change, no row
    await setAgentStatus(t.db, { userId: ana.id, status: "paused" });
    await setAgentStatus(t.db, { userId: ana.id, status: "online" });

    const tracker = createPresenceTracker({ db: t.db, graceSeconds: 0.05, hasTabs: async () => false });
    tracker.lastTabClosed(ana.id);
    await expect.poll(async () => (await history(ana.id)).at(-1), { timeout: 30_000 }).toBe("offline/presence");
    tracker.stop();

    await setAgentStatus(t.db, { userId: ana.id, status: "online" });
    await setUserActive(t.db, manager, { userId: ana.id, active: false });
    expect((await history(ana.id)).slice(before.length)).toEqual([
      "online/agent",
      "paused/agent",
      "online/agent",
      "offline/presence",
      "online/agent",
      "offline/deactivation",
    ]);
  });

  it("the live board says since when an agent is online or paused", async () => {
    const bruno = await actorOf(t.db, "bruno");
    const manager = await actorOf(t.db, "manager");
    await setAgentStatus(t.db, { userId: bruno.id, status: "paused" });
    const [last] = await t.sql<{ at: string }[]>`
      SELECT to_char(max(changed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM agent_status_history WHERE user_id = ${bruno.id}`;
    const board = await readBoard(t.db, manager);
    const row = board.groups.flatMap((g) => g.agents).find((a) => a.userId === bruno.id);
    expect(row?.status).toBe("paused");
    expect(row?.statusSince).toBe(last!.at);
  });
});
