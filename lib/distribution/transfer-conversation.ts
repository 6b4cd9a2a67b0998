// The assignee (or a manager) hands a conversation to another member of its group, or
// returns it to the group's queue.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { requireCanWorkLocked } from "./authorize";
import { transaction } from "./connection";
import { drainGroups, memberGroupIds } from "./drain";
import { recordChange } from "./events";
import { lockAgents, lockConversation, requireAssignee } from "./locks";
import type { DistributionResult } from "./types";

export async function transferConversation(
  db: Db,
  input: { actorId: number; conversationId: number; to: { agentId: number } | "queue"; authorize?: boolean },
): Promise<DistributionResult> {
  const target = input.to === "queue" ? null : input.to.agentId;
  const change = await transaction(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    // Against the locked row: a conversation that became someone else's is not ours to move.
    if (input.authorize) await requireCanWorkLocked(tx, input.actorId, conversation);
    if (conversation.status === "closed") throw new UserError("conflict", "This conversation is closed.");
    if (conversation.assigneeId === null) {
      throw new UserError("conflict", "This conversation is in the queue: take it or assign it instead.");
    }
    const previous = conversation.assigneeId;
    if (target === previous) return null;
    const agents = await lockAgents(tx, conversation.groupId, target === null ? [previous] : [previous, target]);
    const base = { conversationId: conversation.id, groupId: conversation.groupId, from: previous, actorId: input.actorId };

    if (target === null) {
      // Back to the queue with its original queued_at: it has waited already, so it
      // resumes its place in line instead of going to the back.
      await tx`UPDATE conversations SET status = 'queued', assignee_id = NULL, assigned_at = NULL WHERE id = ${conversation.id}`;
      return recordChange(
        tx,
        { ...base, to: null, status: "queued", kind: "requeue" },
        { strategy: conversation.strategy, note: "returned to the queue" },
      );
    }
    const agent = requireAssignee(agents.get(target));
    await tx`UPDATE conversations SET assignee_id = ${agent.id}, assigned_at = clock_timestamp() WHERE id = ${conversation.id}`;
    return recordChange(
      tx,
      { ...base, to: agent.id, status: "assigned", kind: "transfer" },
      { strategy: conversation.strategy, note: "transferred" },
    );
  });
  if (!change) return { changes: [] };
  // The former assignee's load dropped; a requeued conversation also waits in its group.
  const groupIds = await memberGroupIds(db, change.from!);
  const drained = await drainGroups(db, change.kind === "requeue" ? [change.groupId, ...groupIds] : groupIds);
  return { changes: [change, ...drained.changes] };
}
