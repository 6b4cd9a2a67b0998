// The Why table's tie-break (issue 31): in a balanced group, when the winner and others
// had the same load, the engine's next rule decided — the earlier turn key, then the
// lower user id (choose-agent.ts, byStrategy). This names who tied and what decided,
// to the second (to the millisecond when the second is the same too).
import { compareTurnKeys } from "@/lib/distribution/choose-agent";
import type { AutomaticDecision, DecisionCandidate } from "./conversation-activity";

export type TieBreak = {
  /** The load they tied on. */
  load: number;
  /** The tied candidate whose turn came next after the winner's. */
  runnerUp: Pick<DecisionCandidate, "userId" | "name" | "turnKey">;
  winnerTurnKey: string | null;
  /** What told them apart: the turn key to the second, to the millisecond, or (equal turn keys) the user id. */
  decidedBy: "second" | "millisecond" | "userId";
};

const second = (iso: string) => iso.slice(0, 19);
const millisecond = (iso: string) => iso.slice(0, 23);

export function explainTie(decision: Pick<AutomaticDecision, "strategy" | "policy" | "winner" | "candidates">): TieBreak | null {
  // Sticky and return policies decide by another rule; manual assigns nothing automatically.
  if (decision.strategy !== "balanced" || (decision.policy !== null && decision.policy !== undefined)) return null;
  const winner = decision.candidates.find((c) => c.userId === decision.winner.id);
  if (!winner?.eligible) return null;
  const tied = decision.candidates
    .filter((c) => c.eligible && c.userId !== winner.userId && c.load === winner.load)
    // The engine's own order among equals.
    .sort((a, b) => compareTurnKeys(a.turnKey, b.turnKey) || a.userId - b.userId);
  const runnerUp = tied[0];
  if (!runnerUp) return null;
  const a = winner.turnKey;
  const b = runnerUp.turnKey;
  const decidedBy = a === b ? "userId" : a === null || b === null || second(a) !== second(b) ? "second" : millisecond(a) !== millisecond(b) ? "millisecond" : "userId";
  return { load: winner.load, runnerUp: { userId: runnerUp.userId, name: runnerUp.name, turnKey: b }, winnerTurnKey: a, decidedBy };
}
