// A manager gives a conversation, queued or assigned, to a member of its group.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { requireManagerLocked } from "./authorize";
import { transaction } from "./connection";
import { drainGroupsOfAgent } from "./drain";
import { recordChange } from "./events";
import { lockAgents, lockConversation, requireAssignee } from "./locks";
import type { DistributionResult } from "./types";

export async function assignConversation(
  db: Db,
  input: { actorId: number; conversationId: number; agentId: number; authorize?: boolean },
): Promise<DistributionResult> {
  const change = await transaction(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    if (input.authorize) await requireManagerLocked(tx, input.actorId);
    if (conversation.status === "closed") throw new UserError("conflict", "This conversation is closed.");
    if (conversation.assigneeId === input.agentId) return null;
    const previous = conversation.assigneeId;
    const agents = await lockAgents(tx, conversation.groupId, previous === null ? [input.agentId] : [input.agentId, previous]);
    // Any active member, whatever their status or load: the manager decides, not the strategy.
    const agent = requireAssignee(agents.get(input.agentId));
    await tx`
      UPDATE conversations SET status = 'assigned', assignee_id = ${agent.id}, assigned_at = clock_timestamp()
       WHERE id = ${conversation.id}`;
    return recordChange(
      tx,
      { conversationId: conversation.id, groupId: conversation.groupId, from: previous, to: agent.id, status: "assigned", kind: "manager", actorId: input.actorId },
      { strategy: conversation.strategy, note: "assigned by a manager" },
    );
  });
  if (!change) return { changes: [] };
  // The former assignee's load dropped.
  const drained = change.from === null ? [] : (await drainGroupsOfAgent(db, change.from)).changes;
  return { changes: [change, ...drained] };
}
