// Automatic decisions: the head of the queue (priority, due time, arrival) of a group go to the agents the
// strategy picks, in one short transaction of two round trips. drain.ts repeats it
// until the queue is empty or nobody is eligible.
import type { Db } from "@/db/client";
import { decisionInputs, toDecisionInputs, type GroupRef } from "./candidates";
import type { AgentFacts } from "./choose-agent";
import { withConnection, type Client } from "./connection";
import { groupLock } from "./locks";
import { planDecisions, type PlannedDecision } from "./plan-decisions";
import type { ConversationChange } from "./types";

export type NextDecision =
  | { outcome: "assigned"; changes: ConversationChange[]; moreQueued: boolean }
  | { outcome: "idle"; groupId: number | null }
  // A winner's facts, or a planned conversation, changed between reading and locking: decide again.
  | { outcome: "raced"; groupId: number };

/**
 * Decides the head of a group's queue in one transaction of two round trips: up to
 * QUEUE_WINDOW decisions, each made as if the ones before it had been written (the
 * winner's load one higher, their turn at the back of the line), then written together
 * if nothing they were decided on has changed. A burst of arrivals in one group costs
 * one transaction, not one each (issue 18); each decision keeps its own event, reason
 * and time (the transaction's clock plus one microsecond per decision).
 */
export async function assignNextInQueue(db: Db, ref: GroupRef): Promise<NextDecision> {
  return withConnection(db, async (connection) => {
    // One pipeline, run in this order: the read starts once the lock is granted, so it
    // sees every decision that held the lock before.
    const [, , rows] = await Promise.all([
      connection`BEGIN`.execute(),
      groupLock(connection, ref).execute(),
      decisionInputs(connection, ref).execute(),
    ]);
    const inputs = toDecisionInputs(rows);
    const plan = inputs && inputs.strategy !== "manual" ? planDecisions(inputs) : null;
    if (!inputs || !plan) {
      await connection`COMMIT`;
      return { outcome: "idle", groupId: inputs?.groupId ?? null };
    }
    const { groupId } = inputs;
    // Another group may have just given a winner a conversation, or they may have gone
    // offline, or a planned conversation may have been taken: lock them, and assign only
    // if every fact the plan used is still so (all or nothing).
    const winners = [...new Set(plan.decisions.map((d) => d.winner))].sort((a, b) => a - b);
    const [locked, , assigned] = await Promise.all([
      lockMembers(connection, groupId, winners).execute(),
      lockQueued(connection, plan.decisions.map((d) => d.conversationId)).execute(),
      assignIfUnchanged(connection, groupId, inputs.agents.filter((a) => winners.includes(a.userId)), plan.decisions).execute(),
      connection`COMMIT`.execute(),
    ]);
    if (locked.length < winners.length || assigned.length < plan.decisions.length) return { outcome: "raced", groupId };
    const changes = plan.decisions.map(
      (d): ConversationChange => ({ conversationId: d.conversationId, groupId, from: null, to: d.winner, status: "assigned", kind: "auto", actorId: null }),
    );
    return { outcome: "assigned", changes, moreQueued: plan.moreQueued };
  });
}

/**
 * The winners' users rows and membership rows, in ascending id (a member removed
 * meanwhile is no candidate). Taken before the queued conversations' rows, unlike
 * locks.ts's order: under the group lock nobody else who locks users writes this
 * group's queued rows.
 */
function lockMembers(tx: Client, groupId: number, userIds: number[]) {
  return tx`
    SELECT u.id FROM users u JOIN group_members m ON m.user_id = u.id AND m.group_id = ${groupId}
     WHERE u.id = ANY(${userIds}::int[])
     ORDER BY u.id
       FOR NO KEY UPDATE`;
}

/** The planned conversations, still queued: locked, so the write's snapshot sees them as they stay. */
function lockQueued(tx: Client, conversationIds: number[]) {
  return tx`SELECT id FROM conversations WHERE id = ANY(${conversationIds}::int[]) AND status = 'queued' ORDER BY id FOR UPDATE`;
}

/**
 * Runs after the locks, so its snapshot holds the facts as of now: it re-reads every
 * winner's facts and every planned conversation, and writes the plan only if all are
 * exactly those the decisions used (a compare-and-set on the facts; `status = 'queued'`
 * makes it one on the conversations too, so nothing is ever assigned twice). Each
 * decision moves its winner to the back of the group's line and writes its event, in
 * plan order (event ids follow the decisions), at its own time: assigned_at,
 * first_assigned_at (if it is the first), last_auto_assigned_at and the event's time.
 */
function assignIfUnchanged(tx: Client, groupId: number, winners: AgentFacts[], decisions: PlannedDecision[]) {
  const facts = winners.map((w) => ({
    user_id: w.userId,
    active: w.active,
    status: w.status,
    load: w.load,
    available_since: w.availableSince,
    last_auto: w.lastAutoAssignedAt,
    own_cap: w.ownCap ?? null,
  }));
  const plan = decisions.map((d) => ({ seq: d.seq, conversation_id: d.conversationId, user_id: d.winner, at: d.at, reason: d.reason }));
  return tx<{ id: number }[]>`
    WITH facts AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(facts)}::jsonb)
        AS f(user_id int, active boolean, status text, load int, available_since timestamptz, last_auto timestamptz, own_cap int)
    ), unchanged AS (
      SELECT 1 FROM facts f
        JOIN users u ON u.id = f.user_id
        JOIN group_members m ON m.user_id = u.id AND m.group_id = ${groupId}
       WHERE u.active = f.active AND u.status::text = f.status
         AND u.open_conversations = f.load
         AND u.available_since IS NOT DISTINCT FROM f.available_since
         AND m.last_auto_assigned_at IS NOT DISTINCT FROM f.last_auto
         AND m.max_open IS NOT DISTINCT FROM f.own_cap
    ), plan AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(plan)}::jsonb)
        AS p(seq int, conversation_id int, user_id int, at timestamptz, reason jsonb)
    ), ready AS (
      SELECT (SELECT count(*) FROM unchanged) = (SELECT count(*) FROM facts)
         AND (SELECT count(*) FROM conversations c JOIN plan p ON p.conversation_id = c.id
               WHERE c.status = 'queued' AND c.group_id = ${groupId}) = (SELECT count(*) FROM plan) AS ok
    ), assigned AS (
      -- The first assignment is set here too, at the decision's time (the events trigger
      -- would otherwise update the row a second time, through every index of conversations).
      UPDATE conversations c
         SET status = 'assigned', assignee_id = p.user_id, assigned_at = p.at,
             first_assigned_at = coalesce(c.first_assigned_at, p.at),
             first_assignment_kind = CASE WHEN c.first_assigned_at IS NULL THEN 'auto'::assignment_kind ELSE c.first_assignment_kind END
        FROM plan p
       WHERE c.id = p.conversation_id AND c.status = 'queued' AND (SELECT ok FROM ready)
      RETURNING c.id
    ), turn AS (
      UPDATE group_members m
         SET last_auto_assigned_at = t.at
        FROM (SELECT p.user_id, max(p.at) AS at FROM plan p JOIN assigned a ON a.id = p.conversation_id GROUP BY p.user_id) t
       WHERE m.group_id = ${groupId} AND m.user_id = t.user_id
    ), event AS (
      INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, reason, created_at)
      SELECT p.conversation_id, ${groupId}, 'auto', p.user_id, p.reason, p.at
        FROM plan p JOIN assigned a ON a.id = p.conversation_id
       ORDER BY p.seq
    )
    SELECT id FROM assigned`;
}
