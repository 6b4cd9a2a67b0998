// The timer policies of docs/behaviour.md#policies (away and no-reply reassignment), checked by the
// sweep in SQL: one statement per policy for every group at once, so that they hold
// across restarts and instances. Each runs in one transaction that first takes the
// group lock of every group with the policy on (in ascending id, the only order in
// which the engine ever holds more than one), then the due assignees' users rows, then
// requeues every due conversation and writes each one's `requeue` event with its
// reason. The caller drains after.
import type { Db, SqlTx } from "@/db/client";
import type { PolicyName } from "@/db/schema";
import { env } from "@/lib/env";
import { transaction } from "./connection";
import { GROUP_LOCK_NAMESPACE } from "./locks";
import type { ConversationChange } from "./types";

export type TimerOptions = {
  /**
   * Seconds in one of the policies' "minutes": 60, except in tests
   * (POLICY_MINUTE_SECONDS, so that an e2e run waits seconds, not minutes).
   */
  minuteSeconds?: number;
};

type Timer = { policy: Extract<PolicyName, "away" | "no_reply">; column: "reassign_away_after_minutes" | "reassign_no_reply_after_minutes" };

const AWAY: Timer = { policy: "away", column: "reassign_away_after_minutes" };
const NO_REPLY: Timer = { policy: "no_reply", column: "reassign_no_reply_after_minutes" };

/** Locks every group with the timer on, in ascending id; returns their ids. */
async function lockGroupsWith(tx: SqlTx, timer: Timer): Promise<number[]> {
  // OFFSET 0 keeps the sorted subquery apart, so the locks are taken in its order.
  const rows = await tx<{ id: number }[]>`
    SELECT s.id, pg_advisory_xact_lock(${GROUP_LOCK_NAMESPACE}::int, s.id)
      FROM (SELECT id FROM channel_groups WHERE ${tx(timer.column)} IS NOT NULL ORDER BY id OFFSET 0) s`;
  return rows.map((r) => r.id);
}

/**
 * Away: assigned conversations of the group whose assignee has been paused or offline
 * (or inactive) for the group's minutes. A user who never came online counts as away
 * since they were created.
 */
function dueAway(tx: SqlTx, groupIds: number[], minuteSeconds: number) {
  return tx`
      SELECT c.id, c.group_id, c.assignee_id, g.strategy, g.reassign_away_after_minutes AS minutes
        FROM conversations c
        JOIN channel_groups g ON g.id = c.group_id
        JOIN users u ON u.id = c.assignee_id
       WHERE c.status = 'assigned' AND c.group_id = ANY(${groupIds}::int[])
         AND g.reassign_away_after_minutes IS NOT NULL
         AND (u.status <> 'online' OR NOT u.active)
         AND coalesce(u.away_since, u.created_at)
             <= clock_timestamp() - make_interval(secs => g.reassign_away_after_minutes * ${minuteSeconds}::float8)`;
}

/**
 * No reply: conversations assigned automatically (their latest event is `auto`) whose
 * assignee has sent nothing since the assignment, for the group's minutes. Only messages
 * to the contact ("out") count: a private note ("internal") is not a reply, so it neither
 * stops the timer nor saves the assignee from reassignment.
 */
function dueNoReply(tx: SqlTx, groupIds: number[], minuteSeconds: number) {
  return tx`
      SELECT c.id, c.group_id, c.assignee_id, g.strategy, g.reassign_no_reply_after_minutes AS minutes
        FROM conversations c
        JOIN channel_groups g ON g.id = c.group_id
       WHERE c.status = 'assigned' AND c.group_id = ANY(${groupIds}::int[])
         AND g.reassign_no_reply_after_minutes IS NOT NULL
         AND c.assigned_at <= clock_timestamp() - make_interval(secs => g.reassign_no_reply_after_minutes * ${minuteSeconds}::float8)
         AND (SELECT e.kind FROM assignment_events e WHERE e.conversation_id = c.id ORDER BY e.id DESC LIMIT 1) = 'auto'
         AND NOT EXISTS (SELECT 1 FROM messages m
                          WHERE m.conversation_id = c.id AND m.direction = 'out'
                            AND m.author_user_id = c.assignee_id AND m.created_at >= c.assigned_at)`;
}

/**
 * The common tail: back to the queue with its original queued_at (it resumes its place
 * in line), one event each. The UPDATE re-checks the row it locks, so a conversation
 * changed meanwhile is left alone.
 */
function requeueAndRecord(tx: SqlTx, timer: Timer, due: ReturnType<typeof dueAway>, lockedUserIds: number[]) {
  const note = timer.policy === "away" ? "away for " : "no reply in ";
  return tx<ConversationChange[]>`
    WITH due AS (${due}), requeued AS (
      UPDATE conversations c
         SET status = 'queued', assignee_id = NULL, assigned_at = NULL
        FROM due
       WHERE c.id = due.id AND c.status = 'assigned' AND c.assignee_id = due.assignee_id
         AND c.assignee_id = ANY(${lockedUserIds}::int[])
      RETURNING c.id, c.group_id, due.assignee_id, due.strategy, due.minutes
    ), recorded AS (
      INSERT INTO assignment_events (conversation_id, group_id, kind, from_user_id, reason, created_at)
      SELECT r.id, r.group_id, 'requeue', r.assignee_id,
             jsonb_build_object('strategy', r.strategy, 'policy', ${timer.policy}::text, 'minutes', r.minutes,
                                'note', ${note}::text || r.minutes || ' min'),
             clock_timestamp()
        FROM requeued r
    )
    SELECT r.id AS "conversationId", r.group_id AS "groupId", r.assignee_id AS "from", NULL::int AS "to",
           'queued' AS status, 'requeue' AS kind, NULL::int AS "actorId"
      FROM requeued r ORDER BY r.id`;
}

async function runTimer(db: Db, timer: Timer, minuteSeconds: number): Promise<ConversationChange[]> {
  return transaction(db, async (tx) => {
    const groupIds = await lockGroupsWith(tx, timer);
    if (groupIds.length === 0) return [];
    const due = () => (timer === AWAY ? dueAway : dueNoReply)(tx, groupIds, minuteSeconds);
    // The assignees whose load drops, locked in ascending id as every load change does
    // (locks.ts); only their conversations are requeued.
    const users = await tx<{ id: number }[]>`
      SELECT u.id FROM users u WHERE u.id IN (SELECT due.assignee_id FROM (${due()}) due)
       ORDER BY u.id FOR NO KEY UPDATE`;
    if (users.length === 0) return [];
    return [...(await requeueAndRecord(tx, timer, due(), users.map((u) => u.id)))];
  });
}

/** Requeues every conversation an away or no-reply timer has run out on, in every group. */
export async function requeueByTimers(db: Db, options: TimerOptions = {}): Promise<ConversationChange[]> {
  const minuteSeconds = options.minuteSeconds ?? env().POLICY_MINUTE_SECONDS;
  return [...(await runTimer(db, AWAY, minuteSeconds)), ...(await runTimer(db, NO_REPLY, minuteSeconds))];
}
