// GET /api/v1/reports/summary (docs/behaviour.md#report-contract): every figure of the period, computed in
// PostgreSQL by the modules of this folder, plus what the page draws from the same
// queries (volume over time, the per-agent table, live counts).
import type { Db } from "@/db/client";
import { reportAgents, usersById, type ReportAgent } from "./agents";
import { assignedByKind, noAssignments, type AssignedByKind } from "./assigned";
import type { Fairness } from "./fairness";
import { bucketOf, timeZoneOf, type ReportFilter } from "./filter";
import { firstResponse } from "./first-response";
import { heatmapOf, type HeatmapCell } from "./heatmap";
import { liveCounts, type LiveCounts } from "./live";
import { loadOverTime, type LoadPoint } from "./load-over-time";
import { queueWait } from "./queue-wait";
import { receivedCounts } from "./received";
import { closedQuarters, resolution } from "./resolution";
import type { DurationStats } from "./stats";
import { timeInStatus, type TimeInStatus } from "./time-in-status";
import type { FirstResponseBuckets } from "./durations";
import { bucketStarts, volumeOf, type VolumePoint } from "./volume";
import { previousFigures, previousPeriod, type ComparedPeriod, type PreviousFigures } from "./compare";
import { inForce } from "./in-force";
import type { Requeues } from "./requeues";
import { waitedWithSomeoneOnline, type WaitedWithSomeoneOnline } from "./waited-online";
import type { SettingsChange } from "./settings-history";

export type AgentRow = {
  agentId: number;
  name: string;
  email: string;
  received: number;
  closed: number;
  assigned: AssignedByKind;
  queueWaitSeconds: DurationStats;
  firstResponseSeconds: DurationStats;
  resolutionSeconds: DurationStats;
  onlineSeconds: number;
  pausedSeconds: number;
  offlineSeconds: number;
};

export type ReportSummary = {
  from: string;
  to: string;
  groupId: number | null;
  agentId: number | null;
  timeZone: string;
  /** When this was computed: load samples exist up to here. */
  generatedAt: string;
  bucket: "hour" | "day";
  received: number;
  closed: number;
  assigned: AssignedByKind;
  queueWaitSeconds: DurationStats & { buckets: FirstResponseBuckets };
  firstResponseSeconds: DurationStats & { buckets: FirstResponseBuckets };
  resolutionSeconds: DurationStats;
  fairness: Fairness[];
  timeInStatus: (TimeInStatus & { name: string })[];
  loadOverTime: LoadPoint[];
  heatmap: HeatmapCell[];
  volumeOverTime: VolumePoint[];
  agents: AgentRow[];
  live: LiveCounts;
  /** Conversations sent back to the queue in the period, by why (docs/behaviour.md#reports). */
  requeues: Requeues;
  /** The part of the queue wait in which someone of the group was online (docs/behaviour.md#reports); null over all groups. */
  waitedWithSomeoneOnline: WaitedWithSomeoneOnline | null;
  /** The settings changes of the report's groups in the period: the markers of the time charts. */
  settingsChanges: SettingsChange[];
  /** The same figures for the compared period (by default the one just before). */
  previous: PreviousFigures;
};

const EMPTY: DurationStats = { median: null, p90: null, count: 0 };

export async function reportSummary(db: Db, filter: ReportFilter, compare: ComparedPeriod = previousPeriod(filter)): Promise<ReportSummary> {
  // The compared period's figures start first and run alongside (each on its own connection).
  const forced = inForce(db, filter, [filter, compare]);
  // Per group or per agent only: over every group it is a scan of every wait of the period
  // twice, ≈ 450 ms of CPU at a million conversations, which would take the summary past its
  // target (docs/benchmarks.md); a manager judges a change group by group.
  const scoped = filter.groupId !== undefined || filter.agentId !== undefined;
  const waitedNow = scoped ? waitedWithSomeoneOnline(db, filter, filter) : Promise.resolve(null);
  const waitedThen = scoped ? waitedWithSomeoneOnline(db, filter, compare) : Promise.resolve(null);
  const previousPromise = previousFigures(db, filter, compare, forced.then(([, then]) => then!), waitedThen);
  // Awaited below: a rejection is handled there, not reported as unhandled meanwhile.
  for (const started of [forced, waitedNow, waitedThen, previousPromise]) started.catch(() => {});
  const members = await reportAgents(db, filter);
  // Each figure on its own connection, concurrently; each scan once: closed is resolution's
  // count, the heatmap and the volume are read from the quarter hours of the received scan
  // and of the closings.
  const [received, assigned, wait, response, resolved, closings, status, load, buckets, live] = await Promise.all([
    receivedCounts(db, filter),
    assignedByKind(db, filter),
    queueWait(db, filter),
    firstResponse(db, filter),
    resolution(db, filter),
    closedQuarters(db, filter),
    timeInStatus(db, filter, members.map((m) => m.agentId)),
    loadOverTime(db, filter),
    bucketStarts(db, filter),
    liveCounts(db, filter),
  ]);
  const closed = { closed: resolved.resolutionSeconds.count, byAgent: new Map([...resolved.byAgent].map(([id, s]) => [id, s.count])) };
  const heatmap = heatmapOf(received.quarters);
  const volume = volumeOf(buckets, received.quarters, closings);

  // Anyone with figures in the period (a manager who took conversations, a former member).
  const known = new Map<number, ReportAgent>(members.map((m) => [m.agentId, m]));
  const withFigures = new Set<number>([...received.byAgent.keys(), ...closed.byAgent.keys(), ...assigned.byAgent.keys(), ...response.byAgent.keys()]);
  if (filter.agentId !== undefined) for (const id of withFigures) if (id !== filter.agentId) withFigures.delete(id);
  for (const user of await usersById(db, [...withFigures].filter((id) => !known.has(id)))) known.set(user.agentId, user);
  const [[now], previous, waited] = await Promise.all([forced, previousPromise, waitedNow]);
  const statusById = new Map(status.map((s) => [s.agentId, s]));
  const agents: AgentRow[] = [...known.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.agentId - b.agentId)
    .map((agent) => {
      const s = statusById.get(agent.agentId);
      return {
        agentId: agent.agentId,
        name: agent.name,
        email: agent.email,
        received: received.byAgent.get(agent.agentId) ?? 0,
        closed: closed.byAgent.get(agent.agentId) ?? 0,
        assigned: assigned.byAgent.get(agent.agentId) ?? noAssignments(),
        queueWaitSeconds: wait.byAgent.get(agent.agentId) ?? EMPTY,
        firstResponseSeconds: response.byAgent.get(agent.agentId) ?? EMPTY,
        resolutionSeconds: resolved.byAgent.get(agent.agentId) ?? EMPTY,
        onlineSeconds: s?.onlineSeconds ?? 0,
        pausedSeconds: s?.pausedSeconds ?? 0,
        offlineSeconds: s?.offlineSeconds ?? 0,
      };
    });

  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    groupId: filter.groupId ?? null,
    agentId: filter.agentId ?? null,
    timeZone: timeZoneOf(filter),
    generatedAt: new Date().toISOString(),
    bucket: bucketOf(filter),
    received: received.received,
    closed: closed.closed,
    assigned: assigned.assigned,
    queueWaitSeconds: wait.queueWaitSeconds,
    firstResponseSeconds: response.firstResponseSeconds,
    resolutionSeconds: resolved.resolutionSeconds,
    fairness: now!.fairness,
    timeInStatus: status.map((s) => ({ ...s, name: known.get(s.agentId)?.name ?? "" })),
    loadOverTime: load,
    heatmap,
    volumeOverTime: volume,
    agents,
    live,
    requeues: now!.requeues,
    waitedWithSomeoneOnline: waited,
    settingsChanges: now!.settingsChanges,
    previous,
  };
}
