// Closing keeps assignee_id for history (the schema allows a closed conversation to
// keep it) and frees the assignee's load, so their groups drain.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { requireCanWorkLocked } from "./authorize";
import { transaction } from "./connection";
import { drainGroupsOfAgent } from "./drain";
import { recordChange } from "./events";
import { lockAgents, lockConversation } from "./locks";
import type { DistributionResult } from "./types";

export async function closeConversation(db: Db, input: { actorId: number; conversationId: number; authorize?: boolean }): Promise<DistributionResult> {
  const change = await transaction(db, async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    // Against the locked row: a conversation that became someone else's is not ours to close.
    if (input.authorize) await requireCanWorkLocked(tx, input.actorId, conversation);
    if (conversation.status === "closed") throw new UserError("conflict", "This conversation is already closed.");
    const previous = conversation.assigneeId;
    if (previous !== null) await lockAgents(tx, conversation.groupId, [previous]);
    await tx`UPDATE conversations SET status = 'closed', closed_at = clock_timestamp() WHERE id = ${conversation.id}`;
    return recordChange(
      tx,
      { conversationId: conversation.id, groupId: conversation.groupId, from: previous, to: null, status: "closed", kind: "close", actorId: input.actorId },
      { strategy: conversation.strategy, note: "closed" },
    );
  });
  const drained = change.from === null ? [] : (await drainGroupsOfAgent(db, change.from)).changes;
  return { changes: [change, ...drained] };
}
