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
