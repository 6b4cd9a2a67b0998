// What a decision reads: the group's rules, the head of its queue, and every member
// with their load across all groups. The statements are returned unsent, so that a
// decision can pipeline them behind the group lock.
import type { Db } from "@/db/client";
import { isOpenAt } from "@/lib/routing/business-hours";
import type { AgentFacts } from "./choose-agent";
import { clientOf, type Client } from "./connection";
import { QUEUE_WINDOW, type DecisionInputs } from "./plan-decisions";

/** A group, or the group of a conversation (routing knows only the conversation). */
export type GroupRef = { groupId: number } | { conversationId: number };

export function groupIdOf(client: Client, ref: GroupRef) {
  return "groupId" in ref
    ? client`${ref.groupId}::int`
    : client`(SELECT group_id FROM conversations WHERE id = ${ref.conversationId})`;
}

/**
 * The group's members, with what eligibility and turnKey need. load is the counter
 * users.open_conversations, kept exact by a trigger on conversations.
 * Read through json_agg (one value to parse, rather than a row each): a UTC
 * `timestamp` becomes ISO-8601 text that fixedWidthUtc() completes.
 */
function membersAsJson(client: Client, groupId: ReturnType<typeof groupIdOf>) {
  return client`
    SELECT coalesce(json_agg(f ORDER BY f."userId"), '[]')
      FROM (SELECT m.user_id AS "userId", u.active, u.status,
                   u.open_conversations AS load,
                   u.available_since AT TIME ZONE 'UTC' AS "availableSince",
                   m.last_auto_assigned_at AT TIME ZONE 'UTC' AS "lastAutoAssignedAt",
                   m.max_open AS "ownCap"
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

/**
 * Everything a decision reads, in one statement and one row: the group's rules, its
 * members, and the head of its queue with, for each conversation, who returned it
 * (its requeue events) and — in a sticky group — the contact's last agent in the group
 * (the assignee of the contact's previous conversation there).
 */
export function decisionInputs(client: Client, ref: GroupRef) {
  return client<(Omit<DecisionInputs, "nowMicros"> & { nowMicros: string })[]>`
    SELECT g.id AS "groupId", (extract(epoch FROM clock_timestamp()) * 1000000)::bigint::text AS "nowMicros", g.strategy, g.online_only AS "onlineOnly", g.max_open_per_agent AS "maxOpenPerAgent",
           g.sticky_to_last_agent AS "stickyToLastAgent", g.business_hours AS "businessHours",
           (SELECT coalesce(json_agg(json_build_object(
                     'id', c.id,
                     'priority', c.priority,
                     'returnedBy', ARRAY(SELECT e.from_user_id FROM assignment_events e
                                          WHERE e.conversation_id = c.id AND e.kind = 'requeue' AND e.from_user_id IS NOT NULL
                                          GROUP BY e.from_user_id ORDER BY max(e.id), e.from_user_id),
                     'lastAgentId', CASE WHEN g.sticky_to_last_agent THEN
                                      (SELECT p.assignee_id FROM conversations p
                                        WHERE p.contact_id = c.contact_id AND p.group_id = c.group_id
                                          AND p.id < c.id AND p.assignee_id IS NOT NULL
                                        ORDER BY p.id DESC LIMIT 1)
                                    END) ORDER BY c.priority, c.queue_due_at, c.queued_at, c.id), '[]')
              FROM (SELECT id, contact_id, group_id, queued_at, priority, queue_due_at FROM conversations
                     WHERE group_id = g.id AND status = 'queued'
                     ORDER BY priority, queue_due_at, queued_at, id
                     LIMIT ${QUEUE_WINDOW}) c) AS queued,
           (${membersAsJson(client, client`g.id`)}) AS agents
      FROM channel_groups g
     WHERE g.id = ${groupIdOf(client, ref)}`;
}

/** The row of decisionInputs with its timestamps completed; null when the group (or conversation) does not exist. */
export function toDecisionInputs(rows: (Omit<DecisionInputs, "nowMicros"> & { nowMicros: string })[]): DecisionInputs | null {
  const [row] = rows;
  // Business hours are read with the rules, under the group lock, and judged at decision time.
  return row ? { ...row, nowMicros: BigInt(row.nowMicros), open: isOpenAt(row.businessHours, new Date()), agents: toFacts(row.agents) } : null;
}

/** The same facts outside a decision, e.g. for the live board. */
export async function readAgentFacts(db: Db, groupId: number): Promise<AgentFacts[]> {
  const client = clientOf(db);
  const [row] = await client<{ agents: AgentFacts[] }[]>`SELECT (${membersAsJson(client, groupIdOf(client, { groupId }))}) AS agents`;
  return toFacts(row!.agents);
}
