// Realtime that scales with tabs (issue 18): the server coalesces signals per set of
// rooms over a short window, and each tab debounces its invalidations, so that a burst
// of 100 signals costs a tab a few refetches, not 100 — and loses none of them.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createInvalidationBatcher, minimalKeys } from "./invalidation-batcher";
import { queryKeys } from "./query-keys";
import { createSignalCoalescer } from "./signal-coalescer";
import type { RealtimeSignal } from "./signals";

const ME = 7;
const opened = (conversationId: number, groupId = 1): RealtimeSignal => ({
  type: "conversation.changed",
  conversationId,
  groupId,
  status: "queued",
  assigneeId: null,
  previousAssigneeId: null,
  actorId: null,
  kind: "opened",
});
const message = (conversationId: number): RealtimeSignal => ({ type: "message.created", conversationId, groupId: 1, assigneeId: null, messageId: conversationId * 10, direction: "in" });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a tab's invalidations", () => {
  it("a burst of 100 signals over a second costs a few refetches, and every stale key is refetched", async () => {
    const flushes: (readonly unknown[])[][] = [];
    const batcher = createInvalidationBatcher({ userId: ME, invalidate: (keys) => flushes.push(keys) });
    for (let i = 1; i <= 100; i++) {
      batcher.add(i % 2 ? opened(i) : message(i));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    // 100 signals in ~1 s: flushed at most every max-wait (600 ms), then once at the end.
    expect(flushes.length).toBeGreaterThanOrEqual(1);
    expect(flushes.length).toBeLessThanOrEqual(4);
    const invalidated = new Set(flushes.flat().map((k) => JSON.stringify(k)));
    // The lists, the board, the groups and presence: each once per flush, not per signal.
    for (const key of [queryKeys.conversationLists, queryKeys.board, queryKeys.groups, queryKeys.presence]) expect(invalidated).toContain(JSON.stringify(key));
    // Every conversation a signal named is refetched.
    for (let i = 1; i <= 100; i++) expect(invalidated).toContain(JSON.stringify(queryKeys.conversation(i)));
    for (let i = 2; i <= 100; i += 2) expect(invalidated).toContain(JSON.stringify(queryKeys.messages(i)));
    // conversationList(filters) is covered by conversationLists: never invalidated separately.
    for (const keys of flushes) expect(keys.filter((k) => JSON.stringify(k) === JSON.stringify(queryKeys.conversationLists))).toHaveLength(1);
  });

  it("a lone signal is applied within the window, and nothing is applied after stop", async () => {
    const flushes: (readonly unknown[])[][] = [];
    const batcher = createInvalidationBatcher({ userId: ME, invalidate: (keys) => flushes.push(keys), windowMs: 100 });
    batcher.add({ type: "presence.changed", userId: ME, status: "online", groupIds: [1] });
    expect(flushes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toContainEqual(queryKeys.myStatus(ME));

    batcher.add(opened(1));
    batcher.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes).toHaveLength(1);
  });

  it("keeps only the keys no shorter pending key covers", () => {
    expect(minimalKeys([["conversations", { tab: "mine" }], ["conversations"], ["conversation", 1], ["presence", "conversation-members", 3], ["presence"]])).toEqual([
      ["conversations"],
      ["conversation", 1],
      ["presence"],
    ]);
  });
});

describe("the server's coalescing", () => {
  it("sends a window's signals as one packet per set of rooms, each signal once", async () => {
    const packets: { targets: string[]; signals: RealtimeSignal[] }[] = [];
    const coalescer = createSignalCoalescer({ windowMs: 75, emit: (targets, signals) => packets.push({ targets, signals }) });
    for (let i = 1; i <= 100; i++) coalescer.add(["managers", "group:1"], opened(i));
    coalescer.add(["group:1", "managers"], opened(100)); // the same signal again, rooms in another order
    coalescer.add(["managers", "group:2"], opened(101, 2));
    expect(packets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(75);
    expect(packets).toHaveLength(2);
    expect(packets[0]!.signals).toHaveLength(100);
    expect(packets[1]).toEqual({ targets: ["managers", "group:2"], signals: [opened(101, 2)] });
  });

  it("with no window, sends each signal at once", () => {
    const packets: RealtimeSignal[][] = [];
    const coalescer = createSignalCoalescer({ windowMs: 0, emit: (_targets, signals) => packets.push(signals) });
    coalescer.add(["managers"], opened(1));
    expect(packets).toEqual([[opened(1)]]);
  });
});
