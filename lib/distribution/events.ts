// The assignment event every change writes (docs/behaviour.md#the-domain: nothing changes an assignee
// without one), returned as the change the caller announces.
import type { AssignmentReason } from "@/db/schema";
import type { SqlTx } from "@/db/client";
import type { ConversationChange } from "./types";

export async function recordChange(tx: SqlTx, change: ConversationChange, reason: AssignmentReason): Promise<ConversationChange> {
  // clock_timestamp(), not now(): events of one transaction stay strictly ordered in time.
  await tx`
    INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, to_user_id, reason, created_at)
    VALUES (${change.conversationId}, ${change.groupId}, ${change.kind}, ${change.actorId}, ${change.from}, ${change.to},
            ${JSON.stringify(reason)}::jsonb, clock_timestamp())`;
  return change;
}
