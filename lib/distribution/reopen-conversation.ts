// Reopen a closed conversation (issue 31): the person who reopens it has it, as when they
// take one from the queue — a member of its group, or a manager — within the group's cap
// when the group refuses takes beyond it. A contact has one open conversation per number:
// while a newer one is open, that is where to write, and this one stays closed.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { transaction } from "./connection";
import { recordChange } from "./events";
import { lockAgents, lockConversation, requireAssignee } from "./locks";
import { refuseTakeAtCap } from "./take-cap";
import type { DistributionResult } from "./types";

export async function reopenConversation(db: Db, input: { actorId: number; conversationId: number }): Promise<DistributionResult> {
  const change = await transaction(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    if (conversation.status !== "closed") throw new UserError("conflict", "This conversation is open already.");
    // Against the locked row and the actor as they are now: a member of this group, or a manager.
    const agents = await lockAgents(tx, conversation.groupId, [input.actorId]);
    const agent = agents.get(input.actorId);
    if (!agent?.active || (!agent.isMember && agent.role !== "manager")) {
      throw new UserError("forbidden", "Only a member of this group or a manager can reopen it.");
    }
    requireAssignee(agent, { managerAnyGroup: true });
    const [open] = await tx<{ id: number }[]>`
      SELECT o.id FROM conversations c
        JOIN conversations o ON o.contact_id = c.contact_id AND o.channel_id = c.channel_id AND o.id <> c.id AND o.status <> 'closed'
       WHERE c.id = ${conversation.id}`;
    if (open) {
      throw new UserError("already_open", "This contact has a newer open conversation on this number: write there.", { conversationId: open.id });
    }
    await refuseTakeAtCap(tx, conversation.groupId, agent.id);
    // A message opening a new conversation for the contact in the meantime wins the one open place (the unique index).
    await tx`
      UPDATE conversations SET status = 'assigned', assignee_id = ${agent.id}, assigned_at = clock_timestamp(), closed_at = NULL
       WHERE id = ${conversation.id} AND status = 'closed'`.catch((error: unknown) => {
      if ((error as { code?: string }).code === "23505") {
        throw new UserError("already_open", "This contact has a newer open conversation on this number: write there.");
      }
      throw error;
    });
    return recordChange(
      tx,
      { conversationId: conversation.id, groupId: conversation.groupId, from: null, to: agent.id, status: "assigned", kind: "self", actorId: agent.id },
      { strategy: conversation.strategy, policy: "reopened", note: "reopened" },
    );
  });
  return { changes: [change] };
}
