// Presence (docs/behaviour.md#the-inbox): an agent is online while they chose Online and at least one tab
// is connected. When their last tab closes they become offline after a grace period,
// unless a tab comes back first. The sweep reconciles users whose instance died.
import { and, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { setAgentStatus } from "@/lib/distribution";
import { announce, announceChanges } from "./announce";

export type PresenceTracker = {
  tabOpened: (userId: number) => void;
  lastTabClosed: (userId: number) => void;
  reconcile: () => Promise<void>;
  stop: () => void;
};

export function createPresenceTracker(options: {
  db: Db;
  graceSeconds: number;
  hasTabs: (userId: number) => Promise<boolean>;
}): PresenceTracker {
  const pending = new Map<number, NodeJS.Timeout>();

  async function goOfflineIfStillGone(userId: number) {
    pending.delete(userId);
    if (await options.hasTabs(userId)) return;
    const result = await setAgentStatus(options.db, { userId, status: "offline", source: "presence" });
    if (result.changed) announce({ type: "presence.changed", userId, status: "offline", groupIds: result.groupIds });
    announceChanges(result);
  }

  function lastTabClosed(userId: number) {
    if (pending.has(userId)) return;
    const timer = setTimeout(() => {
      goOfflineIfStillGone(userId).catch((error) => console.error("[fila] presence: going offline failed:", error));
    }, options.graceSeconds * 1000);
    timer.unref();
    pending.set(userId, timer);
  }

  return {
    lastTabClosed,
    tabOpened(userId) {
      clearTimeout(pending.get(userId));
      pending.delete(userId);
    },
    async reconcile() {
      const present = await options.db
        .select({ id: users.id })
        .from(users)
        .where(and(ne(users.status, "offline")));
      for (const { id } of present) {
        if (!pending.has(id) && !(await options.hasTabs(id))) lastTabClosed(id);
      }
    },
    stop() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
