// One automatic decision: the oldest queued conversation of a group goes to the agent
// the strategy picks, in one short transaction of two round trips. drain.ts repeats
// it until the queue is empty or nobody is eligible.
import type { Db } from "@/db/client";
import type { AssignmentReason } from "@/db/schema";
import { decisionInputs, QUEUE_WINDOW, toDecisionInputs, type DecisionInputs, type GroupRef } from "./candidates";
import { chooseAgent, type AgentFacts, type Decision, type RatedCandidate } from "./choose-agent";
import { withConnection, type Client } from "./connection";
import { groupLock } from "./locks";
import type { ConversationChange } from "./types";

/** The reason of an automatic event: AssignmentReason, plus the rules and statuses the candidates were judged by. */
export type AutoAssignmentReason = Omit<AssignmentReason, "candidates" | "winner"> & {
  candidates: RatedCandidate[];
  winner: number;
  rules: { onlineOnly: boolean; maxOpenPerAgent: number | null; stickyToLastAgent: boolean };
};

export type NextDecision =
  | { outcome: "assigned"; change: ConversationChange; moreQueued: boolean }
  | { outcome: "idle"; groupId: number | null }
  // The winner's facts changed between reading and locking them: decide again.
  | { outcome: "raced"; groupId: number };

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
    const next = inputs && inputs.strategy !== "manual" ? firstAssignable(inputs) : null;
    if (!inputs || !next) {
      await connection`COMMIT`;
      return { outcome: "idle", groupId: inputs?.groupId ?? null };
    }
    const { groupId } = inputs;
    const { conversationId, decision, moreQueued } = next;
    const winner = inputs.agents.find((a) => a.userId === decision.winner)!;
    const reason: AutoAssignmentReason = {
      strategy: inputs.strategy,
      rules: { onlineOnly: inputs.onlineOnly, maxOpenPerAgent: inputs.maxOpenPerAgent, stickyToLastAgent: inputs.stickyToLastAgent ?? false },
      candidates: decision.candidates,
      winner: winner.userId,
      ...(decision.policy ? { policy: decision.policy } : {}),
      ...(decision.sticky ? { sticky: decision.sticky } : {}),
      ...(decision.note ? { note: decision.note } : {}),
    };

    // Another group may have just given this agent a conversation, or they may have gone
    // offline: lock them, and assign only if their facts are still those decided on.
    const [locked, [assigned]] = await Promise.all([
      lockMember(connection, groupId, winner.userId).execute(),
      assignIfUnchanged(connection, { groupId, conversationId, winner, reason }).execute(),
      connection`COMMIT`.execute(),
    ]);
    if (locked.length === 0 || !assigned) return { outcome: "raced", groupId };
    const change: ConversationChange = {
      conversationId,
      groupId,
      from: null,
      to: winner.userId,
      status: "assigned",
      kind: "auto",
      actorId: null,
    };
    return { outcome: "assigned", change, moreQueued };
  });
}

/**
 * The oldest conversation of the window that someone may receive. One that only its
 * returners could receive waits, takeable, and the next one is decided instead.
 */
function firstAssignable(inputs: DecisionInputs): { conversationId: number; decision: Decision & { winner: number }; moreQueued: boolean } | null {
  for (const [index, conversation] of inputs.queued.entries()) {
    const decision = chooseAgent(inputs, inputs.agents, conversation);
    if (decision.winner === null) {
      // Nobody is eligible for reasons of the agents themselves (or the group is closed): nobody is for the rest either.
      if (!decision.candidates.some((c) => c.whyCode === "returned")) return null;
      continue;
    }
    const moreQueued = index + 1 < inputs.queued.length || inputs.queued.length === QUEUE_WINDOW;
    return { conversationId: conversation.id, decision: decision as Decision & { winner: number }, moreQueued };
  }
  return null;
}

/**
 * The winner's users row and membership row (a member removed meanwhile is no
 * candidate). Taken before the queued conversation's row, unlike locks.ts's order:
 * under the group lock nobody else who locks users writes this group's queued rows.
 */
function lockMember(tx: Client, groupId: number, userId: number) {
  return tx`
    SELECT 1 FROM users u JOIN group_members m ON m.user_id = u.id AND m.group_id = ${groupId}
     WHERE u.id = ${userId}
       FOR NO KEY UPDATE`;
}

/**
 * Runs after lockMember, so its snapshot holds the winner's facts as of now: it
 * re-reads them and assigns only if they are exactly those the decision used
 * (a compare-and-set on the facts; `status = 'queued'` makes it one on the
 * conversation too, so nothing is ever assigned twice). It also moves the winner to
 * the back of the group's line and writes the event, with one clock_timestamp() for
 * assigned_at, first_assigned_at (if it is the first), last_auto_assigned_at and the
 * event's time.
 */
function assignIfUnchanged(tx: Client, input: { groupId: number; conversationId: number; winner: AgentFacts; reason: AutoAssignmentReason }) {
  const { groupId, conversationId, winner, reason } = input;
  return tx<{ id: number }[]>`
    WITH unchanged AS (
      SELECT 1 FROM users u JOIN group_members m ON m.user_id = u.id AND m.group_id = ${groupId}
       WHERE u.id = ${winner.userId}
         AND u.active = ${winner.active} AND u.status = ${winner.status}
         AND u.open_conversations = ${winner.load}
         AND u.available_since IS NOT DISTINCT FROM ${winner.availableSince}::timestamptz
         AND m.last_auto_assigned_at IS NOT DISTINCT FROM ${winner.lastAutoAssignedAt}::timestamptz
         AND m.max_open IS NOT DISTINCT FROM ${winner.ownCap ?? null}::int
    ), now_ AS (
      SELECT clock_timestamp() AS at
    ), assigned AS (
      -- The first assignment is set here too, at the event's time (the events trigger
      -- would otherwise update the row a second time, through every index of conversations).
      UPDATE conversations
         SET status = 'assigned', assignee_id = ${winner.userId}, assigned_at = now_.at,
             first_assigned_at = coalesce(first_assigned_at, now_.at),
             first_assignment_kind = CASE WHEN first_assigned_at IS NULL THEN 'auto'::assignment_kind ELSE first_assignment_kind END
        FROM now_
       WHERE id = ${conversationId} AND status = 'queued' AND EXISTS (SELECT 1 FROM unchanged)
      RETURNING id, group_id, assigned_at
    ), turn AS (
      UPDATE group_members m
         SET last_auto_assigned_at = a.assigned_at
        FROM assigned a
       WHERE m.group_id = a.group_id AND m.user_id = ${winner.userId}
    ), event AS (
      INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, reason, created_at)
      SELECT a.id, a.group_id, 'auto', ${winner.userId}, ${JSON.stringify(reason)}::jsonb, a.assigned_at
        FROM assigned a
    )
    SELECT id FROM assigned`;
}
