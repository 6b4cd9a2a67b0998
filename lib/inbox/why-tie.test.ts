// The Why table names a tie on load and what broke it, to the second.
import { describe, expect, it } from "vitest";
import type { DecisionCandidate } from "./conversation-activity";
import { explainTie } from "./why-tie";

const candidate = (userId: number, name: string, load: number, turnKey: string | null, eligible = true): DecisionCandidate => ({
  userId,
  name,
  status: "online",
  load,
  turnKey,
  eligible,
  whyCode: eligible ? null : "paused",
  why: null,
  cap: null,
});
const decision = (winnerId: number, candidates: DecisionCandidate[], extra: { strategy?: "balanced" | "sequential"; policy?: null | "sticky" } = {}) => ({
  strategy: extra.strategy ?? "balanced",
  policy: extra.policy ?? null,
  winner: { id: winnerId, name: candidates.find((c) => c.userId === winnerId)!.name },
  candidates,
});

describe("explainTie", () => {
  it("a tie on load is broken by the earlier turn, named to the second", () => {
    const tie = explainTie(
      decision(1, [
        candidate(1, "Ana", 1, "2026-12-06T07:25:13.120000Z"),
        candidate(2, "Bruno", 1, "2026-12-06T07:25:41.000000Z"),
        candidate(3, "Carla", 1, "2026-12-06T07:29:00.000000Z"),
        candidate(4, "Diego", 0, "2026-12-06T07:00:00.000000Z", false),
      ]),
    );
    expect(tie).toEqual({ load: 1, runnerUp: { userId: 2, name: "Bruno", turnKey: "2026-12-06T07:25:41.000000Z" }, winnerTurnKey: "2026-12-06T07:25:13.120000Z", decidedBy: "second" });
  });

  it("the same second: to the millisecond; the same turn: the lower user id", () => {
    expect(explainTie(decision(1, [candidate(1, "Ana", 2, "2026-12-06T07:25:13.120000Z"), candidate(2, "Bruno", 2, "2026-12-06T07:25:13.400000Z")]))?.decidedBy).toBe("millisecond");
    expect(explainTie(decision(1, [candidate(1, "Ana", 2, "2026-12-06T07:25:13.120000Z"), candidate(2, "Bruno", 2, "2026-12-06T07:25:13.120000Z")]))?.decidedBy).toBe("userId");
  });

  it("no tie: a lower load won, the others were not eligible, a policy decided, or the strategy is sequential", () => {
    expect(explainTie(decision(1, [candidate(1, "Ana", 0, "2026-12-06T07:25:13Z"), candidate(2, "Bruno", 1, "2026-12-06T07:00:00Z")]))).toBeNull();
    expect(explainTie(decision(1, [candidate(1, "Ana", 1, "2026-12-06T07:25:13Z"), candidate(2, "Bruno", 1, "2026-12-06T07:00:00Z", false)]))).toBeNull();
    const tied = [candidate(1, "Ana", 1, "2026-12-06T07:25:13Z"), candidate(2, "Bruno", 1, "2026-12-06T07:25:41Z")];
    expect(explainTie(decision(1, tied, { policy: "sticky" }))).toBeNull();
    expect(explainTie(decision(1, tied, { strategy: "sequential" }))).toBeNull();
  });
});
