// The rules of docs/behaviour.md#distribution and #policies as pure functions: who is eligible (and why not), the
// turn key, the policies that refine eligibility for one conversation, and the
// strategies that pick one agent. The database loads the facts (candidates.ts); the
// decision itself is made here, and only here.
import type { AssignmentReason, ChannelGroup, IneligibleCode, PolicyName, User } from "@/db/schema";

export type GroupRules = Pick<ChannelGroup, "strategy" | "onlineOnly" | "maxOpenPerAgent"> &
  Partial<Pick<ChannelGroup, "stickyToLastAgent">> & {
    /** Inside the group's business hours now (docs/behaviour.md#entry-menu); absent = open. A closed group assigns nothing automatically. */
    open?: boolean;
  };

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
  /** The member's own cap in this group (docs/behaviour.md#policies), overriding the group's; null or absent = the group's. */
  ownCap?: number | null;
};

/** What the policies need to know about the conversation being decided. */
export type ConversationFacts = {
  /**
   * Agents it was returned by or taken from (requeue events), the one whose latest return
   * is oldest first: not automatically theirs again while another eligible agent exists;
   * when only returners are left, it goes to the first of them (it never strands).
   */
  returnedBy: number[];
  /** The agent who last handled the contact in this group (loaded only when the group is sticky). */
  lastAgentId: number | null;
};

const NO_POLICY_FACTS: ConversationFacts = { returnedBy: [], lastAgentId: null };

/** A candidate as written into the reason of an automatic assignment event. */
export type RatedCandidate = NonNullable<AssignmentReason["candidates"]>[number] & { status: User["status"] };

export type Decision = {
  winner: number | null;
  candidates: RatedCandidate[];
  note?: string;
  policy?: PolicyName;
  sticky?: { agentId: number; applied: boolean };
};

/** Why a member is not eligible: a code for screens (the board, the Why panel), the detail in English for the event log. */
export type NotEligible = { code: IneligibleCode; detail: string };

/** turnKey(a, g): the later of when the agent became available and their last automatic assignment in g. */
export function turnKey(agent: Pick<AgentFacts, "availableSince" | "lastAutoAssignedAt">): string | null {
  const { availableSince, lastAutoAssignedAt } = agent;
  if (availableSince === null) return lastAutoAssignedAt;
  if (lastAutoAssignedAt === null) return availableSince;
  return availableSince > lastAutoAssignedAt ? availableSince : lastAutoAssignedAt;
}

/** The cap that binds an agent in a group: their own, else the group's (null = none). */
export function capOf(agent: Pick<AgentFacts, "ownCap">, rules: Pick<GroupRules, "maxOpenPerAgent">): number | null {
  return agent.ownCap ?? rules.maxOpenPerAgent;
}

/**
 * eligible(a, g) for a member of g, refined by the policies for one conversation, as
 * the reason it is not (null when eligible). Inactive users are never eligible,
 * whatever the group's settings.
 */
export function whyNotEligible(agent: AgentFacts, rules: GroupRules, conversation: ConversationFacts = NO_POLICY_FACTS): NotEligible | null {
  if (!agent.active) return { code: "inactive", detail: "inactive" };
  if (rules.open === false) return { code: "closed", detail: "outside business hours" };
  if (conversation.returnedBy.includes(agent.userId)) return { code: "returned", detail: "returned it" };
  if (rules.onlineOnly && agent.status !== "online") return { code: agent.status === "paused" ? "paused" : "offline", detail: agent.status };
  const cap = capOf(agent, rules);
  if (cap !== null && agent.load >= cap) {
    return agent.ownCap != null
      ? { code: "ownCap", detail: `own cap ${agent.load}/${cap}` }
      : { code: "atCap", detail: `at cap (${agent.load}/${cap})` };
  }
  return null;
}

// A null turn key (never available, never assigned: possible when onlineOnly is false)
// has waited longest, so it comes first.
export function compareTurnKeys(a: string | null, b: string | null): number {
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

/**
 * Picks the agent who receives a queued conversation of a group, with the reasons for
 * everyone. Without conversation facts it decides as docs/behaviour.md#distribution alone (the live board's
 * "next in line").
 */
export function chooseAgent(rules: GroupRules, agents: AgentFacts[], conversation: ConversationFacts = NO_POLICY_FACTS): Decision {
  const candidates: RatedCandidate[] = agents.map((agent) => {
    const why = whyNotEligible(agent, rules, conversation);
    // One literal per outcome (not a field added after): a candidate is made per member per decision.
    const rated: RatedCandidate =
      why === null
        ? { userId: agent.userId, status: agent.status, load: agent.load, turnKey: turnKey(agent), eligible: true, cap: capOf(agent, rules) }
        : { userId: agent.userId, status: agent.status, load: agent.load, turnKey: turnKey(agent), eligible: false, cap: capOf(agent, rules), why: why.detail, whyCode: why.code };
    return rated;
  });
  if (rules.strategy === "manual") {
    return { winner: null, candidates, note: "manual strategy: waits for an agent to take it or a manager to assign it" };
  }
  // Sticky contact: the contact's last agent in the group first, if eligible now.
  const lastAgent = rules.stickyToLastAgent ? conversation.lastAgentId : null;
  const sticky = lastAgent === null ? null : candidates.find((c) => c.userId === lastAgent);
  if (sticky?.eligible) {
    return { winner: sticky.userId, candidates, policy: "sticky", sticky: { agentId: sticky.userId, applied: true }, note: "sticky: last agent" };
  }
  const eligible = candidates.filter((c) => c.eligible).sort(byStrategy[rules.strategy]);
  const winner = eligible[0]?.userId ?? null;
  const stickyMiss =
    lastAgent === null
      ? {}
      : {
          sticky: { agentId: lastAgent, applied: false },
          note: `sticky: last agent ${sticky ? `not eligible (${sticky.why})` : "no longer a member"}, ${rules.strategy} decides`,
        };
  if (winner === null) {
    const fallback = returnedLongestAgo(agents, rules, conversation, candidates);
    if (fallback !== null) {
      return {
        winner: fallback,
        candidates,
        policy: "returned_longest_ago",
        note: "everyone eligible returned it: it goes to the one who returned it longest ago",
        ...(stickyMiss.sticky ? { sticky: stickyMiss.sticky } : {}),
      };
    }
  }
  const nobody = candidates.length === 0 ? "the group has no members" : rules.open === false ? "outside business hours" : "no member is eligible";
  if (winner === null) return { winner, candidates, note: nobody, ...(stickyMiss.sticky ? { sticky: stickyMiss.sticky } : {}) };
  return { winner, candidates, ...stickyMiss };
}

/**
 * "Returned means someone else" never strands (docs/behaviour.md#policies): when every
 * agent eligible but for that rule returned the conversation, the one who returned it
 * longest ago receives it. Null while someone else is eligible, or nobody is at all.
 */
function returnedLongestAgo(agents: AgentFacts[], rules: GroupRules, conversation: ConversationFacts, candidates: RatedCandidate[]): number | null {
  if (conversation.returnedBy.length === 0) return null;
  const returnersOnly = { ...conversation, returnedBy: [] };
  const eligibleButReturned = new Set(
    agents.filter((a, i) => candidates[i]!.whyCode === "returned" && whyNotEligible(a, rules, returnersOnly) === null).map((a) => a.userId),
  );
  return conversation.returnedBy.find((id) => eligibleButReturned.has(id)) ?? null;
}
