// Who receives the next conversations, in order, as the engine would decide them now:
// chooseAgent picks the first, then the next among the rest, and so on. For sequential
// this is the line of docs/behaviour.md#distribution (each assignment sends the winner to the back); for
// balanced, the order in which the current loads and turn keys rank the eligible agents.
import { chooseAgent, type AgentFacts, type GroupRules } from "@/lib/distribution/choose-agent";

export function turnOrder(rules: GroupRules, agents: AgentFacts[]): number[] {
  const order: number[] = [];
  let rest = agents;
  for (;;) {
    const { winner } = chooseAgent(rules, rest);
    if (winner === null) return order;
    order.push(winner);
    rest = rest.filter((agent) => agent.userId !== winner);
  }
}
