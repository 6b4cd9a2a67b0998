// Turns what the distribution engine changed into realtime signals.
import { publish } from "./publish";

type Change = {
  conversationId: number;
  groupId: number;
  from: number | null;
  to: number | null;
  status: "queued" | "assigned" | "closed";
  kind: "auto" | "self" | "manager" | "transfer" | "requeue" | "close";
  actorId: number | null;
};

export function announceChanges(result: { changes: Change[] }) {
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
