// A large generated history for the what-if thread's test: staggered 8-hour shifts of
// 50 agents and conversations arriving around the clock (plain data, no database).
import type { History, HistoryConversation, HistoryMember } from "@/lib/what-if/history";
export function generatedHistory(conversations: number, days: number, agents = 50): History {
  let a = 42;
  const random = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const HOUR = 3_600_000, DAY = 24 * HOUR;
  const fromMs = Date.UTC(2026, 10, 2), toMs = fromMs + days * DAY;
  const members: HistoryMember[] = [];
  for (let i = 0; i < agents; i++) {
    const changes: HistoryMember["changes"] = [];
    for (let d = 0; d < days; d++) {
      if ((i + d) % 10 === 0) continue;
      const start = fromMs + d * DAY + (6 + (i % 10)) * HOUR + Math.floor(random() * 30) * 60_000;
      changes.push({ atMs: start, status: "online" }, { atMs: start + 8 * HOUR, status: "offline" });
    }
    members.push({ userId: i + 1, name: `A${i}`, ownCap: null, status: "offline", availableSinceMs: null, awaySinceMs: fromMs - DAY, lastAutoAssignedAtMs: null, changes });
  }
  const convs: HistoryConversation[] = [];
  for (let i = 0; i < conversations; i++) {
    const q = fromMs + Math.floor(random() * days * DAY);
    const handled = 120_000 + Math.floor(random() ** 2 * 40 * 60_000);
    convs.push({ id: i + 1, contactId: Math.floor(random() * 40000), queuedAtMs: q, closedAtMs: q + 30_000 + handled, realAssigneeId: 1 + (i % agents), realAssignedAtMs: q + 30_000, realAuto: true, responseDelayMs: 20_000 });
  }
  convs.sort((x, y) => x.queuedAtMs - y.queuedAtMs || x.id - y.id);
  return { groupId: 1, fromMs, toMs, settings: { strategy: "balanced", onlineOnly: true, maxOpenPerAgent: null, stickyToLastAgent: false, allowTakeBeyondCap: false, reassignAwayAfterMinutes: null, reassignNoReplyAfterMinutes: null, businessHours: null, firstResponseTargetMinutes: null }, members, conversations: convs, initialLoad: {}, loadChanges: [], lastAgentByContact: {}, takeDelayMs: null };
}
