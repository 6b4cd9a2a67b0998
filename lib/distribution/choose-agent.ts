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
 * the code of the reason it is not (null when eligible), without words: the what-if
 * replay asks it of every member at every event. Inactive users are never eligible,
 * whatever the group's settings.
 */
export function ineligibleCode(agent: AgentFacts, rules: GroupRules, conversation: ConversationFacts = NO_POLICY_FACTS): IneligibleCode | null {
  if (!agent.active) return "inactive";
  if (rules.open === false) return "closed";
  if (conversation.returnedBy.length > 0 && conversation.returnedBy.includes(agent.userId)) return "returned";
  if (rules.onlineOnly && agent.status !== "online") return agent.status === "paused" ? "paused" : "offline";
  const cap = capOf(agent, rules);
  if (cap !== null && agent.load >= cap) return agent.ownCap != null ? "ownCap" : "atCap";
  return null;
}

/** eligible(a, g) as the reason it is not, with its words for the event log (null when eligible). */
export function whyNotEligible(agent: AgentFacts, rules: GroupRules, conversation: ConversationFacts = NO_POLICY_FACTS): NotEligible | null {
  const code = ineligibleCode(agent, rules, conversation);
  return code === null ? null : { code, detail: detailOf(code, agent, rules) };
}

function detailOf(code: IneligibleCode, agent: AgentFacts, rules: GroupRules): string {
  switch (code) {
    case "inactive":
      return "inactive";
    case "closed":
      return "outside business hours";
    case "returned":
      return "returned it";
    case "paused":
    case "offline":
      return agent.status;
    case "ownCap":
      return `own cap ${agent.load}/${capOf(agent, rules)}`;
    case "atCap":
      return `at cap (${agent.load}/${capOf(agent, rules)})`;
  }
}

// A null turn key (never available, never assigned: possible when onlineOnly is false)
// has waited longest, so it comes first.
export function compareTurnKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function balancedBefore(a: RatedCandidate, b: RatedCandidate): boolean {
  return a.load !== b.load ? a.load < b.load : turnBefore(a, b);
}
function turnBefore(a: RatedCandidate, b: RatedCandidate): boolean {
  const order = compareTurnKeys(a.turnKey, b.turnKey);
  return order !== 0 ? order < 0 : a.userId < b.userId;
}
/** The strategies' order as "a comes before b" (a strict total order: the user id breaks every tie). */
const byStrategy = { balanced: balancedBefore, sequential: turnBefore };

/** A decision, with where its winner is in the agents it was made over (the plan updates that one). */
export type IndexedDecision = { decision: Decision; winnerIndex: number; anyReturned: boolean };

/**
 * Picks the agent who receives a queued conversation of a group, with the reasons for
 * everyone. Without conversation facts it decides as docs/behaviour.md#distribution alone (the live board's
 * "next in line").
 */
export function chooseAgent(rules: GroupRules, agents: AgentFacts[], conversation: ConversationFacts = NO_POLICY_FACTS): Decision {
  return decide(rules, agents, conversation).decision;
}

/**
 * chooseAgent in one pass over the members: each is rated once, and the strategy's
 * first eligible, the sticky agent and the returners the fallback weighs are noted as it
 * goes — no sort of the eligible, no second filter (a decision is made per conversation
 * of the window, and per event by the what-if replay). Also says where the winner is in
 * `agents` and whether someone was not eligible only because they returned it
 * (plan-decisions.ts).
 */
export function decide(rules: GroupRules, agents: AgentFacts[], conversation: ConversationFacts = NO_POLICY_FACTS): IndexedDecision {
  const candidates: RatedCandidate[] = new Array<RatedCandidate>(agents.length);
  const manual = rules.strategy === "manual";
  const before = rules.strategy === "manual" ? null : byStrategy[rules.strategy];
  const lastAgent = !manual && rules.stickyToLastAgent ? conversation.lastAgentId : null;
  let best = -1;
  let stickyIndex = -1;
  let anyReturned = false;
  // Eligible but for having returned it (the fallback's pool), in member order.
  let returnersEligible: Set<number> | null = null;
  for (let i = 0; i < agents.length; i++) {
    const agent = agents[i]!;
    const why = whyNotEligible(agent, rules, conversation);
    const cap = capOf(agent, rules);
    // One literal per outcome (not a field added after): a candidate is made per member per decision.
    const rated: RatedCandidate =
      why === null
        ? { userId: agent.userId, status: agent.status, load: agent.load, turnKey: turnKey(agent), eligible: true, cap }
        : { userId: agent.userId, status: agent.status, load: agent.load, turnKey: turnKey(agent), eligible: false, cap, why: why.detail, whyCode: why.code };
    candidates[i] = rated;
    if (stickyIndex < 0 && agent.userId === lastAgent) stickyIndex = i;
    if (why === null) {
      if (before !== null && (best < 0 || before(rated, candidates[best]!))) best = i;
    } else if (why.code === "returned") {
      anyReturned = true;
      if (ineligibleCode(agent, rules, NO_POLICY_FACTS) === null) (returnersEligible ??= new Set()).add(agent.userId);
    }
  }
  if (manual) {
    return { decision: { winner: null, candidates, note: "manual strategy: waits for an agent to take it or a manager to assign it" }, winnerIndex: -1, anyReturned };
  }
  // Sticky contact: the contact's last agent in the group first, if eligible now.
  const sticky = stickyIndex < 0 ? undefined : candidates[stickyIndex]!;
  if (sticky?.eligible) {
    return {
      decision: { winner: sticky.userId, candidates, policy: "sticky", sticky: { agentId: sticky.userId, applied: true }, note: "sticky: last agent" },
      winnerIndex: stickyIndex,
      anyReturned,
    };
  }
  const winner = best < 0 ? null : candidates[best]!.userId;
  const stickyMiss =
    lastAgent === null
      ? {}
      : {
          sticky: { agentId: lastAgent, applied: false },
          note: `sticky: last agent ${sticky ? `not eligible (${sticky.why})` : "no longer a member"}, ${rules.strategy} decides`,
        };
  if (winner === null && returnersEligible !== null) {
    // "Returned means someone else" never strands (docs/behaviour.md#policies): when every
    // agent eligible but for that rule returned the conversation, the one who returned it
    // longest ago receives it.
    const fallback = conversation.returnedBy.find((id) => returnersEligible.has(id));
    if (fallback !== undefined) {
      return {
        decision: {
          winner: fallback,
          candidates,
          policy: "returned_longest_ago",
          note: "everyone eligible returned it: it goes to the one who returned it longest ago",
          ...(stickyMiss.sticky ? { sticky: stickyMiss.sticky } : {}),
        },
        winnerIndex: agents.findIndex((a) => a.userId === fallback),
        anyReturned,
      };
    }
  }
  const nobody = candidates.length === 0 ? "the group has no members" : rules.open === false ? "outside business hours" : "no member is eligible";
  if (winner === null) return { decision: { winner, candidates, note: nobody, ...(stickyMiss.sticky ? { sticky: stickyMiss.sticky } : {}) }, winnerIndex: -1, anyReturned };
  return { decision: { winner, candidates, ...stickyMiss }, winnerIndex: best, anyReturned };
}
