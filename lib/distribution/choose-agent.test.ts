import { describe, expect, it } from "vitest";
import { chooseAgent, turnKey, whyNotEligible, type AgentFacts, type GroupRules } from "./choose-agent";

const T = (second: number, micros = 0) => `2025-03-01T12:00:${String(second).padStart(2, "0")}.${String(micros).padStart(6, "0")}Z`;

function agent(userId: number, facts: Partial<AgentFacts> = {}): AgentFacts {
  return { userId, active: true, status: "online", load: 0, availableSince: T(0), lastAutoAssignedAt: null, ...facts };
}

const balanced: GroupRules = { strategy: "balanced", onlineOnly: true, maxOpenPerAgent: null };
const sequential: GroupRules = { strategy: "sequential", onlineOnly: true, maxOpenPerAgent: null };

describe("turnKey", () => {
  it("is the later of availableSince and the last automatic assignment", () => {
    expect(turnKey({ availableSince: T(5), lastAutoAssignedAt: T(3) })).toBe(T(5));
    expect(turnKey({ availableSince: T(5), lastAutoAssignedAt: T(9) })).toBe(T(9));
    expect(turnKey({ availableSince: null, lastAutoAssignedAt: T(9) })).toBe(T(9));
    expect(turnKey({ availableSince: T(5), lastAutoAssignedAt: null })).toBe(T(5));
    expect(turnKey({ availableSince: null, lastAutoAssignedAt: null })).toBeNull();
  });

  it("keeps microseconds apart", () => {
    expect(turnKey({ availableSince: T(5, 1), lastAutoAssignedAt: T(5, 2) })).toBe(T(5, 2));
  });
});

describe("whyNotEligible", () => {
  it("needs an online agent in an online-only group; paused is not online", () => {
    expect(whyNotEligible(agent(1), balanced)).toBeNull();
    expect(whyNotEligible(agent(1, { status: "paused" }), balanced)).toEqual({ code: "paused", detail: "paused" });
    expect(whyNotEligible(agent(1, { status: "offline" }), balanced)).toEqual({ code: "offline", detail: "offline" });
  });

  it("accepts paused and offline agents when the group is not online-only", () => {
    const anyStatus = { ...balanced, onlineOnly: false };
    expect(whyNotEligible(agent(1, { status: "paused" }), anyStatus)).toBeNull();
    expect(whyNotEligible(agent(1, { status: "offline" }), anyStatus)).toBeNull();
  });

  it("refuses an agent whose load reached the cap", () => {
    const capped = { ...balanced, maxOpenPerAgent: 3 };
    expect(whyNotEligible(agent(1, { load: 2 }), capped)).toBeNull();
    expect(whyNotEligible(agent(1, { load: 3 }), capped)).toEqual({ code: "atCap", detail: "at cap (3/3)" });
    expect(whyNotEligible(agent(1, { load: 7 }), capped)).toEqual({ code: "atCap", detail: "at cap (7/3)" });
  });

  it("a member's own cap overrides the group's, below or above it, and says it is theirs", () => {
    const capped = { ...balanced, maxOpenPerAgent: 3 };
    expect(whyNotEligible(agent(1, { load: 1, ownCap: 1 }), capped)).toEqual({ code: "ownCap", detail: "own cap 1/1" });
    expect(whyNotEligible(agent(1, { load: 4, ownCap: 5 }), capped)).toBeNull();
    expect(whyNotEligible(agent(1, { load: 4, ownCap: 2 }), balanced)).toEqual({ code: "ownCap", detail: "own cap 4/2" });
  });

  it("an agent who returned the conversation is not eligible for it, whatever else", () => {
    const facts = { returnedBy: [1], lastAgentId: null };
    expect(whyNotEligible(agent(1), balanced, facts)).toEqual({ code: "returned", detail: "returned it" });
    expect(whyNotEligible(agent(2), balanced, facts)).toBeNull();
  });

  it("never accepts an inactive user", () => {
    expect(whyNotEligible(agent(1, { active: false }), { ...balanced, onlineOnly: false })).toEqual({ code: "inactive", detail: "inactive" });
  });
});

describe("chooseAgent", () => {
  it("balanced: the smallest load", () => {
    const decision = chooseAgent(balanced, [agent(1, { load: 3 }), agent(2, { load: 1 }), agent(3, { load: 2 })]);
    expect(decision.winner).toBe(2);
  });

  it("balanced: equal loads go to the smallest turnKey, then the smallest user id", () => {
    expect(chooseAgent(balanced, [agent(1, { load: 1, availableSince: T(9) }), agent(2, { load: 1, availableSince: T(4) })]).winner).toBe(2);
    expect(chooseAgent(balanced, [agent(1, { load: 1, lastAutoAssignedAt: T(9) }), agent(2, { load: 1, availableSince: T(4) })]).winner).toBe(2);
    expect(chooseAgent(balanced, [agent(7, { load: 1 }), agent(3, { load: 1 }), agent(5, { load: 1 })]).winner).toBe(3);
  });

  it("sequential: the smallest turnKey whatever the load, then the smallest user id", () => {
    const agents = [agent(1, { load: 0, availableSince: T(8) }), agent(2, { load: 9, availableSince: T(2) }), agent(3, { availableSince: T(5) })];
    expect(chooseAgent(sequential, agents).winner).toBe(2);
    expect(chooseAgent(sequential, [agent(4, { availableSince: T(1) }), agent(3, { availableSince: T(1) })]).winner).toBe(3);
  });

  it("sequential: receiving a conversation sends the agent to the back of the line", () => {
    const agents = [agent(1, { availableSince: T(1), lastAutoAssignedAt: T(10) }), agent(2, { availableSince: T(2) })];
    expect(chooseAgent(sequential, agents).winner).toBe(2);
  });

  it("skips agents at the cap, even with the best turn", () => {
    const capped = { ...sequential, maxOpenPerAgent: 2 };
    const decision = chooseAgent(capped, [agent(1, { load: 2, availableSince: T(1) }), agent(2, { load: 1, availableSince: T(2) })]);
    expect(decision.winner).toBe(2);
    expect(decision.candidates).toEqual([
      { userId: 1, status: "online", load: 2, turnKey: T(1), eligible: false, cap: 2, why: "at cap (2/2)", whyCode: "atCap" },
      { userId: 2, status: "online", load: 1, turnKey: T(2), eligible: true, cap: 2 },
    ]);
  });

  it("skips paused agents in an online-only group", () => {
    const decision = chooseAgent(balanced, [agent(1, { status: "paused" }), agent(2, { load: 4 })]);
    expect(decision.winner).toBe(2);
  });

  it("gives to offline agents when the group is not online-only; a null turnKey has waited longest", () => {
    const anyStatus: GroupRules = { ...sequential, onlineOnly: false };
    const decision = chooseAgent(anyStatus, [agent(1, { status: "online", availableSince: T(1) }), agent(2, { status: "offline", availableSince: null })]);
    expect(decision.winner).toBe(2);
  });

  it("names nobody when nobody is eligible, and says why", () => {
    const decision = chooseAgent({ ...balanced, maxOpenPerAgent: 1 }, [agent(1, { status: "offline" }), agent(2, { load: 1 })]);
    expect(decision.winner).toBeNull();
    expect(decision.note).toBe("no member is eligible");
    expect(decision.candidates.map((c) => c.why)).toEqual(["offline", "at cap (1/1)"]);
    expect(chooseAgent(balanced, []).note).toBe("the group has no members");
  });

  it("manual never assigns by itself", () => {
    expect(chooseAgent({ ...balanced, strategy: "manual" }, [agent(1)]).winner).toBeNull();
    expect(chooseAgent({ ...balanced, strategy: "manual", stickyToLastAgent: true }, [agent(1)], { returnedBy: [], lastAgentId: 1 }).winner).toBeNull();
  });

  it("returned: the strategy's first choice is skipped when they returned it; when all returned it, who returned it longest ago", () => {
    const agents = [agent(1, { availableSince: T(1) }), agent(2, { availableSince: T(2) })];
    expect(chooseAgent(sequential, agents, { returnedBy: [1], lastAgentId: null }).winner).toBe(2);
    // returnedBy lists the oldest latest-return first: 2 returned it before 1 did.
    expect(chooseAgent(sequential, agents, { returnedBy: [2, 1], lastAgentId: null })).toMatchObject({ winner: 2, policy: "returned_longest_ago" });
    expect(chooseAgent(sequential, agents, { returnedBy: [1, 2], lastAgentId: null })).toMatchObject({ winner: 1, policy: "returned_longest_ago" });
    // Only agents eligible but for the rule: an offline returner is passed over, and with nobody at all, nobody.
    const oneOffline = [agent(1, { availableSince: T(1) }), agent(2, { status: "offline", availableSince: null })];
    expect(chooseAgent(sequential, oneOffline, { returnedBy: [2, 1], lastAgentId: null }).winner).toBe(1);
    const allOffline = oneOffline.map((a) => ({ ...a, status: "offline" as const }));
    expect(chooseAgent(sequential, allOffline, { returnedBy: [2, 1], lastAgentId: null }).winner).toBeNull();
    // Never while someone who did not return it is eligible, even a later agent in turn.
    const three = [...agents, agent(3, { availableSince: T(9) })];
    expect(chooseAgent(sequential, three, { returnedBy: [1, 2], lastAgentId: null })).toMatchObject({ winner: 3 });
    expect(chooseAgent(sequential, three, { returnedBy: [1, 2], lastAgentId: null }).policy).toBeUndefined();
  });

  it("sticky: the contact's last agent first when eligible, else the strategy, and the decision says which", () => {
    const stickyRules = { ...sequential, stickyToLastAgent: true };
    const agents = [agent(1, { availableSince: T(1) }), agent(2, { availableSince: T(2), load: 3 })];
    expect(chooseAgent(stickyRules, agents, { returnedBy: [], lastAgentId: 2 })).toMatchObject({
      winner: 2,
      policy: "sticky",
      sticky: { agentId: 2, applied: true },
      note: "sticky: last agent",
    });
    const away = chooseAgent(stickyRules, [agents[0]!, agent(2, { status: "paused" })], { returnedBy: [], lastAgentId: 2 });
    expect(away).toMatchObject({ winner: 1, sticky: { agentId: 2, applied: false }, note: "sticky: last agent not eligible (paused), sequential decides" });
    expect(away.policy).toBeUndefined();
    // Returned beats sticky: the last agent who gave it back does not get it again.
    expect(chooseAgent(stickyRules, agents, { returnedBy: [2], lastAgentId: 2 }).winner).toBe(1);
    // Off: the last agent means nothing.
    expect(chooseAgent(sequential, agents, { returnedBy: [], lastAgentId: 2 }).winner).toBe(1);
  });
});
