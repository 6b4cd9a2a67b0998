// Presence (docs/behaviour.md#the-inbox): an agent is online while they chose Online and at least one tab
// is connected. When their last tab closes they become offline after a grace period,
// unless a tab comes back first. The sweep reconciles users whose instance died.
// Presence never chooses for the person: when a tab opens and the last word on their
// status was presence taking them offline, they get back what they had chosen (Online or
// Paused), as Chatwoot keeps availability across sign-ins. Offline they chose stays.
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentStatusHistory, users } from "@/db/schema";
import { setAgentStatus } from "@/lib/distribution";
import { announce, announceChanges } from "./announce";

export type PresenceTracker = {
  /** Settles once any status presence gives back is saved (never rejects). */
  tabOpened: (userId: number) => Promise<void>;
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

  async function restoreChosenStatus(userId: number) {
    const [user] = await options.db.select({ status: users.status, active: users.active }).from(users).where(eq(users.id, userId));
    if (!user?.active || user.status !== "offline") return;
    const [latest, before] = await options.db
      .select({ status: agentStatusHistory.status, source: agentStatusHistory.source })
      .from(agentStatusHistory)
      .where(eq(agentStatusHistory.userId, userId))
      .orderBy(desc(agentStatusHistory.changedAt), desc(agentStatusHistory.id))
      .limit(2);
    if (latest?.source !== "presence" || latest.status !== "offline" || !before || before.status === "offline") return;
    const result = await setAgentStatus(options.db, { userId, status: before.status, source: "presence" });
    if (result.changed) announce({ type: "presence.changed", userId, status: before.status, groupIds: result.groupIds });
    announceChanges(result);
  }

  return {
    lastTabClosed,
    tabOpened(userId) {
      clearTimeout(pending.get(userId));
      pending.delete(userId);
      return restoreChosenStatus(userId).catch((error) => console.error("[fila] presence: restoring the chosen status failed:", error));
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
