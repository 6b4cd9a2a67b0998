// The engine's decision over a snapshot, free of SQL (docs/behaviour.md#distribution):
// given what a decision transaction read under the group lock — the rules, the head of
// the queue, every member's facts and the clock — which conversations go to whom, and
// why. The live path (auto-assign.ts) writes the plan with a compare-and-set under its
// locks; the what-if replay (lib/what-if/) calls it over a simulated clock. One rule,
// two callers: nothing here may read the database or the wall clock.
import type { AssignmentReason, BusinessHours } from "@/db/schema";
import type { Priority } from "@/lib/service-levels/sla-state";
import { decide, type AgentFacts, type ConversationFacts, type Decision, type GroupRules, type RatedCandidate } from "./choose-agent";

/** The queue's head is read in its order: priority, then due time, then arrival (docs/behaviour.md#service-levels). */
export type QueuedConversation = ConversationFacts & { id: number; priority?: Priority };

/**
 * How many conversations at the head of the queue a decision transaction looks at, and at
 * most decides (auto-assign.ts). The oldest one with an eligible agent is decided
 * first: a conversation whose only eligible agents returned it waits (takeable)
 * without holding up the ones behind it.
 */
export const QUEUE_WINDOW = 16;

export type DecisionInputs = GroupRules & {
  groupId: number;
  businessHours: BusinessHours | null;
  /** The head of the queue (at most QUEUE_WINDOW), in its order, with what the policies need of each. */
  queued: QueuedConversation[];
  agents: AgentFacts[];
  /**
   * PostgreSQL's clock once the group lock was granted, in microseconds since the epoch:
   * the decisions of this transaction are dated from it, one microsecond apart.
   */
  nowMicros: bigint;
};

/** The reason of an automatic event: AssignmentReason, plus the rules and statuses the candidates were judged by. */
export type AutoAssignmentReason = Omit<AssignmentReason, "candidates" | "winner"> & {
  candidates: RatedCandidate[];
  winner: number;
  rules: { onlineOnly: boolean; maxOpenPerAgent: number | null; stickyToLastAgent: boolean };
};

/** One decision of a transaction's plan: who gets which conversation, when, and why. */
export type PlannedDecision = { seq: number; conversationId: number; winner: number; at: string; reason: AutoAssignmentReason };

/**
 * The decisions of one transaction, in queue order (priority, due time, arrival): after each, the winner's
 * load is one higher and their turn at the back of the line, as the write will leave
 * them, so the next decision sees what it would see in a transaction of its own.
 */
export function planDecisions(inputs: DecisionInputs): { decisions: PlannedDecision[]; moreQueued: boolean } | null {
  // Copied on write: only a winner's facts change, and the caller's stay as they were.
  const agents = [...inputs.agents];
  const queued = [...inputs.queued];
  const decisions: PlannedDecision[] = [];
  let stalled = false;
  while (queued.length > 0) {
    const next = firstAssignable({ ...inputs, agents, queued });
    if (!next) {
      stalled = true;
      break;
    }
    const { index, decision, winnerIndex } = next;
    const at = isoOfMicros(inputs.nowMicros + BigInt(decisions.length));
    // The winner as the next decision of this plan sees them; none when this was the last to decide.
    if (queued.length > 1) agents[winnerIndex] = { ...agents[winnerIndex]!, load: agents[winnerIndex]!.load + 1, lastAutoAssignedAt: at };
    const conversation = queued[index]!;
    decisions.push({
      seq: decisions.length,
      conversationId: conversation.id,
      winner: decision.winner,
      at,
      reason: {
        strategy: inputs.strategy,
        rules: { onlineOnly: inputs.onlineOnly, maxOpenPerAgent: inputs.maxOpenPerAgent, stickyToLastAgent: inputs.stickyToLastAgent ?? false },
        candidates: decision.candidates,
        winner: decision.winner,
        ...(decision.policy ? { policy: decision.policy } : {}),
        ...(decision.sticky ? { sticky: decision.sticky } : {}),
        ...(decision.note ? { note: decision.note } : {}),
        // The queue is read in priority order: say so when that put it ahead (docs/behaviour.md#service-levels).
        ...(conversation.priority && conversation.priority !== "normal" ? { priority: conversation.priority } : {}),
      },
    });
    queued.splice(index, 1);
  }
  if (decisions.length === 0) return null;
  // A full window may hide more behind it; otherwise what is left waits for its returners.
  const moreQueued = inputs.queued.length === QUEUE_WINDOW || (!stalled && queued.length > 0);
  return { decisions, moreQueued };
}

/**
 * The oldest conversation of the window that someone may receive. One that only its
 * returners could receive waits, takeable, and the next one is decided instead.
 */
function firstAssignable(inputs: DecisionInputs): { index: number; decision: Decision & { winner: number }; winnerIndex: number } | null {
  const { queued, agents } = inputs;
  for (let index = 0; index < queued.length; index++) {
    const { decision, winnerIndex, anyReturned } = decide(inputs, agents, queued[index]!);
    if (decision.winner === null) {
      // Nobody is eligible for reasons of the agents themselves (or the group is closed): nobody is for the rest either.
      if (!anyReturned) return null;
      continue;
    }
    return { index, decision: decision as Decision & { winner: number }, winnerIndex };
  }
  return null;
}

/** Microseconds since the epoch as AgentFacts writes instants: "2025-03-01T12:00:00.500000Z". */
export function isoOfMicros(micros: bigint): string {
  // In Number: exact for any instant of this era (under 2^53 microseconds), and no BigInt division.
  return isoOfWholeMicros(Number(micros));
}

const DAY_MS = 86_400_000;
// The date part of the last day written ("2025-03-01T"): decisions come day after day, so
// Date's formatting (the costliest step of a decision over a few members) runs once a
// day, and the time of day is written with integer arithmetic.
let dayStartMs = Number.NaN;
let dayPrefix = "";
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** isoOfMicros for an integer count of microseconds in a Number (the what-if replay's instants). */
export function isoOfWholeMicros(total: number): string {
  const ms = Math.floor(total / 1000);
  // Date.toISOString writes years outside 0000–9999 with a sign: those go through it.
  if (ms < 0 || ms >= 253_402_300_800_000) return `${new Date(ms).toISOString().slice(0, 23)}${String(total - ms * 1000).padStart(3, "0")}Z`;
  const inDay = ms % DAY_MS;
  const start = ms - inDay;
  if (start !== dayStartMs) {
    dayStartMs = start;
    dayPrefix = new Date(start).toISOString().slice(0, 11);
  }
  const seconds = Math.floor(inDay / 1000);
  return `${dayPrefix}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${pad3(inDay % 1000)}${pad3(total - ms * 1000)}Z`;
}
