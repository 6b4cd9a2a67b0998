// Presence's grace period (docs/behaviour.md#presence) on a fake clock: an agent whose
// last tab closed goes offline once the grace is over and not a moment before, and a tab
// back within it (a reload) keeps them online. The e2e spec only sees the outcome.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setAgentStatus } from "@/lib/distribution";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";
import { createPresenceTracker, type PresenceTracker } from "./presence";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

const GRACE_SECONDS = 30;
let tracker: PresenceTracker | undefined;
afterEach(() => {
  tracker?.stop();
  vi.useRealTimers();
});

const statusOf = async (userId: number) => (await t.sql<{ status: string }[]>`SELECT status FROM users WHERE id = ${userId}`)[0]?.status;

/** A tracker on a fake clock (only its timers: the database runs in real time); `tabs` says whether the user still has a tab anywhere. */
function fakeClockTracker(tabs: { open: boolean }) {
  const hasTabs = vi.fn(async () => tabs.open);
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  tracker = createPresenceTracker({ db: t.db, graceSeconds: GRACE_SECONDS, hasTabs });
  return { tracker, hasTabs };
}

describe("presence's grace period", () => {
  it("goes offline once the grace period is over, not a moment before", async () => {
    const ana = await actorOf(t.db, "ana");
    await setAgentStatus(t.db, { userId: ana.id, status: "online" });
    const { tracker, hasTabs } = fakeClockTracker({ open: false });

    tracker.lastTabClosed(ana.id);
    await vi.advanceTimersByTimeAsync(GRACE_SECONDS * 1000 - 1);
    expect(hasTabs).not.toHaveBeenCalled();
    expect(await statusOf(ana.id)).toBe("online");

    await vi.advanceTimersByTimeAsync(1);
    expect(hasTabs).toHaveBeenCalledWith(ana.id);
    vi.useRealTimers();
    await expect.poll(() => statusOf(ana.id), { timeout: 30_000 }).toBe("offline");
  });

  it("a tab back within the grace period (a reload) keeps the agent online", async () => {
    const bruno = await actorOf(t.db, "bruno");
    await setAgentStatus(t.db, { userId: bruno.id, status: "online" });
    const { tracker, hasTabs } = fakeClockTracker({ open: false });

    tracker.lastTabClosed(bruno.id);
    await vi.advanceTimersByTimeAsync(GRACE_SECONDS * 500);
    tracker.tabOpened(bruno.id);
    await vi.advanceTimersByTimeAsync(GRACE_SECONDS * 3000);

    expect(hasTabs).not.toHaveBeenCalled();
    expect(await statusOf(bruno.id)).toBe("online");
  });

  it("a tab still open elsewhere at the end of the grace period (another instance) keeps the agent online", async () => {
    const carla = await actorOf(t.db, "carla");
    await setAgentStatus(t.db, { userId: carla.id, status: "online" });
    const { tracker, hasTabs } = fakeClockTracker({ open: true });

    tracker.lastTabClosed(carla.id);
    await vi.advanceTimersByTimeAsync(GRACE_SECONDS * 1000);
    expect(hasTabs).toHaveBeenCalledWith(carla.id);
    vi.useRealTimers();
    await hasTabs.mock.results[0]!.value;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await statusOf(carla.id)).toBe("online");
  });

  it("closing the last tab twice within the grace period still takes the agent offline once", async () => {
    const diego = await actorOf(t.db, "diego");
    await setAgentStatus(t.db, { userId: diego.id, status: "online" });
    const { tracker, hasTabs } = fakeClockTracker({ open: false });

    tracker.lastTabClosed(diego.id);
    await vi.advanceTimersByTimeAsync(GRACE_SECONDS * 500);
    tracker.lastTabClosed(diego.id);
    await vi.advanceTimersByTimeAsync(GRACE_SECONDS * 500);
    expect(hasTabs).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
    await expect.poll(() => statusOf(diego.id), { timeout: 30_000 }).toBe("offline");
  });
});

describe("presence gives back what the person chose", () => {
  const history = async (userId: number) =>
    t.sql<{ status: string; source: string }[]>`SELECT status, source FROM agent_status_history WHERE user_id = ${userId} ORDER BY changed_at DESC, id DESC LIMIT 1`;

  it("Online or Paused before presence took them offline comes back when a tab opens; Offline they chose stays", async () => {
    const elisa = await actorOf(t.db, "elisa");
    const fabio = await actorOf(t.db, "fabio");
    tracker = createPresenceTracker({ db: t.db, graceSeconds: 0, hasTabs: async () => false });
    await setAgentStatus(t.db, { userId: elisa.id, status: "online" });
    await setAgentStatus(t.db, { userId: fabio.id, status: "paused" });
    tracker.lastTabClosed(elisa.id);
    tracker.lastTabClosed(fabio.id);
    await expect.poll(() => statusOf(elisa.id), { timeout: 30_000 }).toBe("offline");
    await expect.poll(() => statusOf(fabio.id), { timeout: 30_000 }).toBe("offline");

    // Signing in again (a tab opens): back to what each had chosen, said to be presence's doing.
    await tracker.tabOpened(elisa.id);
    await tracker.tabOpened(fabio.id);
    expect(await statusOf(elisa.id)).toBe("online");
    expect(await statusOf(fabio.id)).toBe("paused");
    expect(await history(elisa.id)).toEqual([{ status: "online", source: "presence" }]);

    // Offline by their own choice: a tab opening changes nothing.
    await setAgentStatus(t.db, { userId: elisa.id, status: "offline" });
    await tracker.tabOpened(elisa.id);
    expect(await statusOf(elisa.id)).toBe("offline");
    expect(await history(elisa.id)).toEqual([{ status: "offline", source: "agent" }]);
  });

  it("a deactivated person, or one set offline by the system, is not brought back", async () => {
    const carla = await actorOf(t.db, "carla");
    tracker = createPresenceTracker({ db: t.db, graceSeconds: 0, hasTabs: async () => false });
    await setAgentStatus(t.db, { userId: carla.id, status: "online" });
    tracker.lastTabClosed(carla.id);
    await expect.poll(() => statusOf(carla.id), { timeout: 30_000 }).toBe("offline");
    await t.sql`UPDATE users SET active = false WHERE id = ${carla.id}`;
    await tracker.tabOpened(carla.id);
    expect(await statusOf(carla.id)).toBe("offline");

    await t.sql`UPDATE users SET active = true WHERE id = ${carla.id}`;
    await t.sql`INSERT INTO agent_status_history (user_id, status, source) VALUES (${carla.id}, 'offline', 'system')`;
    await tracker.tabOpened(carla.id);
    expect(await statusOf(carla.id)).toBe("offline");
  });
});
