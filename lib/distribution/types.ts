// What the distribution engine returns: every change of a conversation's assignee or
// status that an operation made, so that callers can announce it as realtime signals.
import type { AssignmentEvent, Conversation } from "@/db/schema";

export type ConversationChange = {
  conversationId: number;
  groupId: number;
  from: number | null;
  to: number | null;
  status: Conversation["status"];
  kind: AssignmentEvent["kind"];
  /** Who caused it; null for automatic decisions. */
  actorId: number | null;
  /** The group it left, when it moved to another (a transfer to another group): both groups' tabs hear of it. */
  previousGroupId?: number;
};

export type DistributionResult = { changes: ConversationChange[] };
