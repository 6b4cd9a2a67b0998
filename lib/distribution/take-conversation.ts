// "Assign to me" from the general queue. Takers of one conversation queue up on its
// group lock; the first finds it queued and wins, the others find it assigned and are
// told by whom.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { transaction } from "./connection";
import { recordChange } from "./events";
import { lockAgents, lockConversation, requireAssignee } from "./locks";
import { refuseTakeAtCap } from "./take-cap";
import type { DistributionResult } from "./types";

export async function takeConversation(db: Db, input: { agentId: number; conversationId: number }): Promise<DistributionResult> {
  const change = await transaction(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    if (conversation.status === "closed") throw new UserError("not_queued", "This conversation is already closed.");
    if (conversation.status === "assigned") {
      // A second click of the same agent: it is theirs already, nothing changes.
      if (conversation.assigneeId === input.agentId) return null;
      const name = conversation.assigneeName ?? "Someone";
      throw new UserError("already_taken", `${name} already took this conversation.`, {
        name,
        assigneeId: conversation.assigneeId ?? 0,
      });
    }
    // Managers may take from any group (docs/behaviour.md#people-and-permissions), and a conversation still routing
    // through the entry menu (docs/behaviour.md#entry-menu), which ends its routing. The cap binds the automatic
    // strategies, and "assign to me" only when the group turns allowTakeBeyondCap off.
    const agents = await lockAgents(tx, conversation.groupId, [input.agentId]);
    const agent = requireAssignee(agents.get(input.agentId), { managerAnyGroup: true });
    if (conversation.status === "routing" && agent.role !== "manager") {
      throw new UserError("forbidden", "This conversation is still choosing its team: only a manager can take it.");
    }
    await refuseTakeAtCap(tx, conversation.groupId, agent.id);
    await tx`
      UPDATE conversations SET status = 'assigned', assignee_id = ${agent.id}, assigned_at = clock_timestamp(), routing_since = NULL
       WHERE id = ${conversation.id} AND status IN ('queued', 'routing')`;
    return recordChange(
      tx,
      { conversationId: conversation.id, groupId: conversation.groupId, from: null, to: agent.id, status: "assigned", kind: "self", actorId: agent.id },
      { strategy: conversation.strategy, note: "taken from the queue" },
    );
  });
  return { changes: change ? [change] : [] };
}
