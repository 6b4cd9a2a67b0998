// The figures of a what-if answer (docs/what-if.md#figures), computed from a replay: what
// customers would have waited, what each agent would have taken, and how well the
// replay of the settings in force matches what really happened.
import { jainIndex } from "@/lib/reports/fairness";
import type { History, ReplaySettings } from "./history";
import type { ReplayResult } from "./replay";

/**
 * The over-target share counts waits over the group's first-response target (its
 * settings, current or proposed); with none set, over this many seconds
 * (docs/what-if.md#assumptions).
 */
export const FIRST_RESPONSE_TARGET_SECONDS = 300;
export const targetSecondsOf = (settings: Pick<ReplaySettings, "firstResponseTargetMinutes">) =>
  settings.firstResponseTargetMinutes === null ? FIRST_RESPONSE_TARGET_SECONDS : settings.firstResponseTargetMinutes * 60;
/** Fewer conversations than this, or no member ever online, is too little history to decide on. */
export const MIN_CONVERSATIONS = 20;

export type Waits = { median: number; p90: number; p95: number; max: number };

export type Figures = {
  settings: ReplaySettings;
  queueWaitSeconds: Waits;
  overTargetShare: number;
  perAgent: { userId: number; name: string; conversations: number; perOnlineHour: number | null; peakOpen: number }[];
  unassigned: number;
  fairness: number | null;
  loadSpread: number;
  requeues: ReplayResult["requeues"];
  outsideHours: number;
  queueLength: { at: string; waiting: number }[];
};

export type Calibration = {
  sameAgentShare: number | null;
  real: { median: number; p90: number };
  replayed: { median: number; p90: number };
  enoughHistory: boolean;
};

/** Nearest-rank percentile of seconds (0 for none), rounded to the second. */
export function percentile(sortedSeconds: number[], p: number): number {
  if (sortedSeconds.length === 0) return 0;
  const rank = Math.min(sortedSeconds.length - 1, Math.max(0, Math.ceil(p * sortedSeconds.length) - 1));
  return Math.round(sortedSeconds[rank]!);
}

function waitsOf(waitsMs: number[]): Waits {
  const seconds = waitsMs.map((ms) => Math.max(0, ms) / 1000).sort((a, b) => a - b);
  return { median: percentile(seconds, 0.5), p90: percentile(seconds, 0.9), p95: percentile(seconds, 0.95), max: percentile(seconds, 1) };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export function figuresOf(history: History, result: ReplayResult): Figures {
  const outcomes = [...result.outcomes.values()];
  const names = new Map(history.members.map((m) => [m.userId, m.name]));
  const perAgent = result.agents.map((a) => ({
    userId: a.userId,
    name: names.get(a.userId) ?? "",
    conversations: a.conversations,
    perOnlineHour: a.onlineMs > 0 ? round(a.conversations / (a.onlineMs / 3_600_000), 2) : null,
    peakOpen: a.peakOpen,
  }));
  // As the reports' fairness: over the members online at some time in the period.
  const present = result.agents.filter((a) => a.onlineMs > 0).map((a) => a.conversations);
  const fairness = jainIndex(present);
  const target = targetSecondsOf(result.settings) * 1000;
  return {
    settings: result.settings,
    queueWaitSeconds: waitsOf(outcomes.map((o) => o.waitMs)),
    overTargetShare: outcomes.length === 0 ? 0 : round(outcomes.filter((o) => o.waitMs > target).length / outcomes.length, 4),
    perAgent,
    unassigned: outcomes.filter((o) => o.finalAssigneeId === null).length,
    fairness: fairness === null ? null : round(fairness, 4),
    loadSpread: present.length === 0 ? 0 : Math.max(...present) - Math.min(...present),
    requeues: result.requeues,
    outsideHours: outcomes.filter((o) => o.outsideHours).length,
    queueLength: result.queueLength.map((s) => ({ at: new Date(s.atMs).toISOString(), waiting: s.waiting })),
  };
}

/**
 * How closely the replay of the settings in force reproduces the period: the share of
 * the engine's own assignments that went to the same agent, and real against replayed
 * queue waits (both cut at the period's end).
 */
export function calibrationOf(history: History, current: ReplayResult): Calibration {
  const engineAssigned = history.conversations.filter((c) => c.realAuto && c.realAssigneeId !== null);
  const compared = engineAssigned.length > 0 ? engineAssigned : history.conversations.filter((c) => c.realAssigneeId !== null);
  const same = compared.filter((c) => current.outcomes.get(c.id)?.firstAssigneeId === c.realAssigneeId).length;
  const realWaits = waitsOf(
    history.conversations.map((c) => Math.min(c.realAssignedAtMs ?? c.closedAtMs ?? history.toMs, history.toMs) - c.queuedAtMs),
  );
  const replayed = waitsOf([...current.outcomes.values()].map((o) => o.waitMs));
  const everOnline = history.members.some((m) => m.status === "online" || m.changes.some((c) => c.status === "online"));
  return {
    sameAgentShare: compared.length === 0 ? null : round(same / compared.length, 4),
    real: { median: realWaits.median, p90: realWaits.p90 },
    replayed: { median: replayed.median, p90: replayed.p90 },
    enoughHistory: history.conversations.length >= MIN_CONVERSATIONS && everOnline,
  };
}
