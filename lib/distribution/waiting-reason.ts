// Why a queued conversation has nobody (docs/behaviour.md#nobody-waits-without-a-reason):
// judged by the engine's own eligibility (choose-agent.ts) over the same facts a decision
// reads (candidates.ts), so that a row, the conversation view, the board and the API
// say what the next decision would find — not a second guess.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { BusinessHours, ChannelGroup, Conversation } from "@/db/schema";
import { isOpenAt } from "@/lib/routing/business-hours";
import { readAgentFacts } from "./candidates";
import { chooseAgent, type AgentFacts, type GroupRules } from "./choose-agent";

export const WAITING_REASONS = ["nobody_online", "all_at_cap", "outside_hours", "manual", "routing"] as const;
export type WaitingReasonCode = (typeof WAITING_REASONS)[number];

/**
 * The reason for a conversation in `status`: null once someone has it (or it is closed),
 * and for a queued one whom the next decision would assign (it is on its way).
 */
export function waitingReasonOf(status: Conversation["status"], rules: GroupRules, agents: AgentFacts[]): WaitingReasonCode | null {
  if (status === "routing") return "routing";
  if (status !== "queued") return null;
  if (rules.open === false) return "outside_hours";
  if (rules.strategy === "manual") return "manual";
  const decision = chooseAgent(rules, agents);
  if (decision.winner !== null) return null;
  // Someone who could work (online, or any status when the group does not ask for online) is held back only by a cap.
  const capped = decision.candidates.some((c) => c.whyCode === "atCap" || c.whyCode === "ownCap");
  return capped ? "all_at_cap" : "nobody_online";
}

type GroupRow = Pick<ChannelGroup, "strategy" | "onlineOnly" | "maxOpenPerAgent"> & { id: number; businessHours: BusinessHours | null };

/** The rules and facts of each group, read once per group however many conversations ask. */
export async function readGroupWaitFacts(db: Db, groupIds: number[]): Promise<Map<number, { rules: GroupRules; agents: AgentFacts[] }>> {
  const ids = [...new Set(groupIds)];
  if (ids.length === 0) return new Map();
  const groups = await db.execute<GroupRow>(sql`
    SELECT id, strategy, online_only AS "onlineOnly", max_open_per_agent AS "maxOpenPerAgent", business_hours AS "businessHours"
      FROM channel_groups WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const now = new Date();
  const entries = await Promise.all(
    [...groups].map(async (g) => {
      const rules: GroupRules = { strategy: g.strategy, onlineOnly: g.onlineOnly, maxOpenPerAgent: g.maxOpenPerAgent, open: isOpenAt(g.businessHours, now) };
      return [g.id, { rules, agents: await readAgentFacts(db, g.id) }] as const;
    }),
  );
  return new Map(entries);
}

/** Each conversation's waiting reason, keyed by its id. */
export async function readWaitingReasons(
  db: Db,
  rows: { id: number; groupId: number; status: Conversation["status"] }[],
): Promise<Map<number, WaitingReasonCode | null>> {
  const waiting = rows.filter((r) => r.status === "queued");
  const facts = await readGroupWaitFacts(db, waiting.map((r) => r.groupId));
  return new Map(
    rows.map((r) => {
      const group = facts.get(r.groupId);
      return [r.id, r.status === "routing" ? "routing" : group ? waitingReasonOf(r.status, group.rules, group.agents) : null];
    }),
  );
}
