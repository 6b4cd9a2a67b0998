// The rules of SPEC §3 as pure functions: who is eligible, the turn key, and the
// strategies that pick one agent. The database loads the facts (candidates.ts); the
// decision itself is made here, and only here.
import type { AssignmentReason, ChannelGroup, User } from "@/db/schema";

export type GroupRules = Pick<ChannelGroup, "strategy" | "onlineOnly" | "maxOpenPerAgent">;

/**
 * One member of the group as the database saw it at decision time. Timestamps are
 * fixed-width UTC ISO-8601 strings with microseconds ("2025-01-31T12:00:00.123456Z"),
 * so that string order is time order at the precision PostgreSQL keeps.
 */
export type AgentFacts = {
  userId: number;
  active: boolean;
  status: User["status"];
  /** load(a): conversations assigned to the agent and not closed, across all groups. */
  load: number;
  availableSince: string | null;
  lastAutoAssignedAt: string | null;
};

/** A candidate as written into the reason of an automatic assignment event. */
export type RatedCandidate = NonNullable<AssignmentReason["candidates"]>[number] & { status: User["status"] };

export type Decision = { winner: number | null; candidates: RatedCandidate[]; note?: string };

/** turnKey(a, g): the later of when the agent became available and their last automatic assignment in g. */
export function turnKey(agent: Pick<AgentFacts, "availableSince" | "lastAutoAssignedAt">): string | null {
  const { availableSince, lastAutoAssignedAt } = agent;
  if (availableSince === null) return lastAutoAssignedAt;
  if (lastAutoAssignedAt === null) return availableSince;
  return availableSince > lastAutoAssignedAt ? availableSince : lastAutoAssignedAt;
}

/** Why a member is not eligible: a code for screens (the board), the detail for the event log. */
export type NotEligible = { code: "inactive" | "offline" | "paused" | "atCap"; detail: string };

/**
 * eligible(a, g) for a member of g, as the reason it is not (null when eligible).
 * Inactive users are never eligible, whatever the group's settings.
 */
export function whyNotEligible(agent: AgentFacts, rules: GroupRules): NotEligible | null {
  if (!agent.active) return { code: "inactive", detail: "inactive" };
  if (rules.onlineOnly && agent.status !== "online") return { code: agent.status, detail: agent.status };
  if (rules.maxOpenPerAgent !== null && agent.load >= rules.maxOpenPerAgent) {
    return { code: "atCap", detail: `at cap (${agent.load}/${rules.maxOpenPerAgent})` };
  }
  return null;
}

// A null turn key (never available, never assigned: possible when onlineOnly is false)
// has waited longest, so it comes first.
function compareTurnKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

const byStrategy = {
  balanced: (a: RatedCandidate, b: RatedCandidate) =>
    a.load - b.load || compareTurnKeys(a.turnKey, b.turnKey) || a.userId - b.userId,
  sequential: (a: RatedCandidate, b: RatedCandidate) => compareTurnKeys(a.turnKey, b.turnKey) || a.userId - b.userId,
};

/** Picks the agent who receives the oldest queued conversation of a group, with the reasons for everyone. */
export function chooseAgent(rules: GroupRules, agents: AgentFacts[]): Decision {
  const candidates: RatedCandidate[] = agents.map((agent) => {
    const why = whyNotEligible(agent, rules);
    const rated: RatedCandidate = {
      userId: agent.userId,
      status: agent.status,
      load: agent.load,
      turnKey: turnKey(agent),
      eligible: why === null,
    };
    if (why !== null) rated.why = why.detail;
    return rated;
  });
  if (rules.strategy === "manual") {
    return { winner: null, candidates, note: "manual strategy: waits for an agent to take it or a manager to assign it" };
  }
  const eligible = candidates.filter((c) => c.eligible).sort(byStrategy[rules.strategy]);
  const winner = eligible[0]?.userId ?? null;
  if (winner === null) return { winner, candidates, note: candidates.length === 0 ? "the group has no members" : "no member is eligible" };
  return { winner, candidates };
}
