// The one announcer (docs/architecture.md#how-to-add-a-feature, step 5): commands return the realtime signals
// of what they changed, and this publishes them. It is the only caller of publish()
// (lint forbids importing publish anywhere else), so every signal the app sends passes
// here: the wrappers in announced-commands.ts (server actions, the public API) and the
// background pipelines (ingest, media download, presence, the sweep).
import type { ConversationChange } from "@/lib/distribution/types";
import { publish } from "./publish";
import type { RealtimeSignal } from "./signals";

/** Publishes the signals a command returned; `null` (nothing changed) is skipped. */
export function announce(...signals: (RealtimeSignal | null | undefined)[]) {
  publish(...signals.filter((s): s is RealtimeSignal => s != null));
}

/** The signals of what the distribution engine changed. */
export function signalsOfChanges(changes: ConversationChange[]): RealtimeSignal[] {
  return changes.map((c) => ({
    type: "conversation.changed" as const,
    conversationId: c.conversationId,
    groupId: c.groupId,
    status: c.status,
    assigneeId: c.status === "closed" ? null : c.to,
    previousAssigneeId: c.from,
    actorId: c.actorId,
    kind: c.kind,
    ...(c.previousGroupId === undefined ? {} : { previousGroupId: c.previousGroupId }),
  }));
}

/** Turns what the distribution engine changed into realtime signals and publishes them. */
export function announceChanges(result: { changes: ConversationChange[] }) {
  announce(...signalsOfChanges(result.changes));
}
