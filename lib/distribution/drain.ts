// The queue drains (docs/behaviour.md#distribution): in queue order (priority, due time, arrival: docs/behaviour.md#service-levels), one decision at a time, whenever
// eligibility can have changed. Every path that puts a conversation in a queue or
// makes an agent eligible drains after it commits, and a drain's decisions read the
// state after taking the group lock, so no wake-up is lost between two instances; the
// sweep is the safety net for a process that died in between.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { observeDecision } from "@/lib/runtime/observe";
import { assignNextInQueue } from "./auto-assign";
import type { GroupRef } from "./candidates";
import { clientOf } from "./connection";
import { requeueByTimers, type TimerOptions } from "./timers";
import type { ConversationChange, DistributionResult } from "./types";

// A decision is retried when its winner changed under it (another group assigned to
// them, or they went offline). Past this many in a row, the sweep finishes the job.
const MAX_RACES_PER_DRAIN = 20;

/** Decides until the queue is empty or nobody is eligible; null when the group or conversation does not exist. */
async function runDecisions(db: Db, start: GroupRef): Promise<ConversationChange[] | null> {
  const changes: ConversationChange[] = [];
  let ref = start;
  for (let races = 0; races < MAX_RACES_PER_DRAIN; ) {
    const started = performance.now();
    const next = await assignNextInQueue(db, ref);
    const groupId = next.outcome === "assigned" ? next.changes[0]!.groupId : next.groupId;
    if (groupId !== null) observeDecision({ seconds: (performance.now() - started) / 1000, groupId, outcome: next.outcome });
    if (next.outcome === "idle") return next.groupId === null ? null : changes;
    if (next.outcome === "raced") {
      races++;
      ref = { groupId: next.groupId };
      continue;
    }
    changes.push(...next.changes);
    // Nothing else was queued when it decided: whatever arrives later drains itself.
    if (!next.moreQueued) break;
    ref = { groupId: next.changes[0]!.groupId };
  }
  return changes;
}

export async function drainQueue(db: Db, groupId: number): Promise<DistributionResult> {
  // Unlocked look first: a manual group, or an empty queue, needs no transaction. A
  // conversation queued after this read is drained by whoever queued it.
  const [group] = await clientOf(db)<{ drainable: boolean }[]>`
    SELECT g.strategy <> 'manual'
           AND EXISTS (SELECT 1 FROM conversations c WHERE c.group_id = g.id AND c.status = 'queued') AS drainable
      FROM channel_groups g WHERE g.id = ${groupId}`;
  if (!group?.drainable) return { changes: [] };
  return { changes: (await runDecisions(db, { groupId })) ?? [] };
}

/** Drains each group in turn (settings or membership changed, an agent's load dropped or they came online). */
export async function drainGroups(db: Db, groupIds: number[]): Promise<DistributionResult> {
  const changes: ConversationChange[] = [];
  for (const groupId of new Set(groupIds)) changes.push(...(await drainQueue(db, groupId)).changes);
  return { changes };
}

/**
 * The periodic sweep: first the timer policies (away, no reply) requeue what is due,
 * then every automatic group with queued conversations drains — the safety net and the
 * recovery after a crash.
 */
export async function sweepQueues(db: Db, options: TimerOptions = {}): Promise<DistributionResult> {
  const changes: ConversationChange[] = await requeueByTimers(db, options);
  changes.push(...(await drainQueuedGroups(db)).changes);
  return { changes };
}

/** Every automatic group with queued conversations drains (the sweep's second half). */
export async function drainQueuedGroups(db: Db): Promise<DistributionResult> {
  const changes: ConversationChange[] = [];
  const groups = await clientOf(db)<{ id: number }[]>`
    SELECT g.id FROM channel_groups g
     WHERE g.strategy <> 'manual'
       AND EXISTS (SELECT 1 FROM conversations c WHERE c.group_id = g.id AND c.status = 'queued')
     ORDER BY g.id`;
  for (const { id } of groups) changes.push(...((await runDecisions(db, { groupId: id })) ?? []));
  return { changes };
}

/**
 * A conversation just inserted as queued enters its group. The decision takes the
 * head of the queue first, which may be another one waiting ahead of it.
 */
export async function routeNewConversation(db: Db, conversationId: number): Promise<DistributionResult> {
  // Straight into a decision, which finds the group from the conversation: arrivals are
  // the hot path, and a lookup first would cost a round trip each.
  const changes = await runDecisions(db, { conversationId });
  if (!changes) throw new UserError("not_found", "This conversation does not exist.", { conversationId });
  return { changes };
}

export async function memberGroupIds(db: Db, userId: number): Promise<number[]> {
  const rows = await clientOf(db)<{ groupId: number }[]>`
    SELECT group_id AS "groupId" FROM group_members WHERE user_id = ${userId} ORDER BY group_id`;
  return rows.map((r) => r.groupId);
}

/** An agent's load dropped: only the groups they belong to can have changed. */
export async function drainGroupsOfAgent(db: Db, userId: number): Promise<DistributionResult> {
  return drainGroups(db, await memberGroupIds(db, userId));
}
