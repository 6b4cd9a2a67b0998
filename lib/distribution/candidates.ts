// What a decision reads: the group's rules, the head of its queue, and every member
// with their load across all groups. The statements are returned unsent, so that a
// decision can pipeline them behind the group lock.
import type { Db } from "@/db/client";
import type { AgentFacts, GroupRules } from "./choose-agent";
import { clientOf, type Client } from "./connection";

/** A group, or the group of a conversation (routing knows only the conversation). */
export type GroupRef = { groupId: number } | { conversationId: number };

export function groupIdOf(client: Client, ref: GroupRef) {
  return "groupId" in ref
    ? client`${ref.groupId}::int`
    : client`(SELECT group_id FROM conversations WHERE id = ${ref.conversationId})`;
}

/**
 * The group's members, with what eligibility and turnKey need. load counts through the
 * partial index conversations_load_idx, so closed history does not slow it down.
 * Read through json_agg (one value to parse, rather than a row each): a UTC
 * `timestamp` becomes ISO-8601 text that fixedWidthUtc() completes.
 */
function membersAsJson(client: Client, groupId: ReturnType<typeof groupIdOf>) {
  return client`
    SELECT coalesce(json_agg(f ORDER BY f."userId"), '[]')
      FROM (SELECT m.user_id AS "userId", u.active, u.status,
                   (SELECT count(*)::int FROM conversations c
                     WHERE c.assignee_id = m.user_id AND c.status = 'assigned') AS load,
                   u.available_since AT TIME ZONE 'UTC' AS "availableSince",
                   m.last_auto_assigned_at AT TIME ZONE 'UTC' AS "lastAutoAssignedAt"
              FROM group_members m
              JOIN users u ON u.id = m.user_id
             WHERE m.group_id = ${groupId}) f`;
}

/**
 * PostgreSQL writes "2025-03-01T12:00:00.5" (trailing zeros dropped); AgentFacts wants
 * "2025-03-01T12:00:00.500000Z", whose string order is time order.
 */
export function fixedWidthUtc(text: string | null): string | null {
  if (text === null) return null;
  const [seconds, fraction = ""] = text.split(".");
  return `${seconds}.${fraction.padEnd(6, "0")}Z`;
}

function toFacts(agents: AgentFacts[]): AgentFacts[] {
  return agents.map((a) => ({ ...a, availableSince: fixedWidthUtc(a.availableSince), lastAutoAssignedAt: fixedWidthUtc(a.lastAutoAssignedAt) }));
}

export type DecisionInputs = GroupRules & {
  groupId: number;
  /** The two oldest queued conversations: the next one to decide, and whether another waits behind it. */
  queued: number[];
  agents: AgentFacts[];
};

/** Everything a decision reads, in one statement and one row. */
export function decisionInputs(client: Client, ref: GroupRef) {
  return client<DecisionInputs[]>`
    SELECT g.id AS "groupId", g.strategy, g.online_only AS "onlineOnly", g.max_open_per_agent AS "maxOpenPerAgent",
           ARRAY(SELECT c.id FROM conversations c
                  WHERE c.group_id = g.id AND c.status = 'queued'
                  ORDER BY c.queued_at, c.id
                  LIMIT 2) AS queued,
           (${membersAsJson(client, client`g.id`)}) AS agents
      FROM channel_groups g
     WHERE g.id = ${groupIdOf(client, ref)}`;
}

/** The row of decisionInputs with its timestamps completed; null when the group (or conversation) does not exist. */
export function toDecisionInputs(rows: DecisionInputs[]): DecisionInputs | null {
  const [row] = rows;
  return row ? { ...row, agents: toFacts(row.agents) } : null;
}

/** The same facts outside a decision, e.g. for the live board. */
export async function readAgentFacts(db: Db, groupId: number): Promise<AgentFacts[]> {
  const client = clientOf(db);
  const [row] = await client<{ agents: AgentFacts[] }[]>`SELECT (${membersAsJson(client, groupIdOf(client, { groupId }))}) AS agents`;
  return toFacts(row!.agents);
}
