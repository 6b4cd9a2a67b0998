// Turns what the distribution engine changed into realtime signals.
import type { ConversationChange } from "@/lib/distribution/types";
import { publish } from "./publish";


export function announceChanges(result: { changes: ConversationChange[] }) {
  publish(
    ...result.changes.map((c) => ({
      type: "conversation.changed" as const,
      conversationId: c.conversationId,
      groupId: c.groupId,
      status: c.status,
      assigneeId: c.status === "closed" ? null : c.to,
      previousAssigneeId: c.from,
      actorId: c.actorId,
      kind: c.kind,
    })),
  );
}
