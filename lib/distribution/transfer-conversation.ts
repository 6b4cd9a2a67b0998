// The assignee (or a manager) hands a conversation to another member of its group, or
// returns it to the group's queue; or hands it to another group, its queue or one of its
// members (docs/behaviour.md#transfer-to-another-group), with a note for whoever takes it.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { requireCanWorkLocked } from "./authorize";
import { transaction, type Client } from "./connection";
import { drainGroups, memberGroupIds } from "./drain";
import { recordChange } from "./events";
import { lockAgents, lockConversation, lockConversationMovingTo, requireAssignee } from "./locks";
import type { DistributionResult } from "./types";

export type TransferResult = DistributionResult & {
  /** The private note written with the transfer, if any. */
  note: { messageId: number; conversationId: number; groupId: number; assigneeId: number | null } | null;
};

export async function transferConversation(
  db: Db,
  input: {
    actorId: number;
    conversationId: number;
    to: { agentId: number } | "queue";
    /** Another group to move it to; absent (or its own group): it stays in its group. */
    groupId?: number;
    note?: string;
    authorize?: boolean;
  },
): Promise<TransferResult> {
  const target = input.to === "queue" ? null : input.to.agentId;
  const outcome = await transaction(db, async (tx) => {
    const conversation =
      input.groupId === undefined ? await lockConversation(tx, input.conversationId) : await lockConversationMovingTo(tx, input.conversationId, input.groupId);
    // Against the locked row: a conversation that became someone else's is not ours to move.
    if (input.authorize) await requireCanWorkLocked(tx, input.actorId, conversation);
    if (conversation.status === "closed") throw new UserError("conflict", "This conversation is closed.");
    if (conversation.assigneeId === null) {
      throw new UserError("conflict", "This conversation is in the queue: take it or assign it instead.");
    }
    const previous = conversation.assigneeId;
    const groupId = input.groupId ?? conversation.groupId;
    const moving = groupId !== conversation.groupId;
    const strategy = moving ? await groupStrategy(tx, groupId) : conversation.strategy;
    if (target === previous && !moving) return null;
    // The target must be a member of the group the conversation goes to (as within a group).
    const agents = await lockAgents(tx, groupId, target === null ? [previous] : [previous, target]);
    const base = {
      conversationId: conversation.id,
      groupId,
      from: previous,
      actorId: input.actorId,
      ...(moving ? { previousGroupId: conversation.groupId } : {}),
    };
    const moved = moving ? { group: { from: conversation.groupId, to: groupId } } : {};

    let change;
    if (target === null) {
      // Back to a queue with its original queued_at: it has waited already, so it keeps
      // its place in line instead of going to the back — in another group's queue too.
      await tx`UPDATE conversations SET status = 'queued', assignee_id = NULL, assigned_at = NULL, group_id = ${groupId} WHERE id = ${conversation.id}`;
      change = await recordChange(
        tx,
        { ...base, to: null, status: "queued", kind: moving ? "transfer" : "requeue" },
        { strategy, note: "returned to the queue", ...moved },
      );
    } else {
      const agent = requireAssignee(agents.get(target));
      await tx`UPDATE conversations SET assignee_id = ${agent.id}, assigned_at = clock_timestamp(), group_id = ${groupId} WHERE id = ${conversation.id}`;
      change = await recordChange(tx, { ...base, to: agent.id, status: "assigned", kind: "transfer" }, { strategy, note: "transferred", ...moved });
    }
    const note = input.note === undefined ? null : await writeNote(tx, conversation.id, input.actorId, input.note);
    return { change, note: note === null ? null : { messageId: note, conversationId: conversation.id, groupId, assigneeId: change.to } };
  });
  if (!outcome) return { changes: [], note: null };
  const { change, note } = outcome;
  // The former assignee's load dropped; a conversation sent to a queue waits in that group,
  // whose own strategy decides who gets it.
  const groupIds = await memberGroupIds(db, change.from!);
  const drained = await drainGroups(db, change.status === "queued" ? [change.groupId, ...groupIds] : groupIds);
  return { changes: [change, ...drained.changes], note };
}

async function groupStrategy(tx: Client, groupId: number) {
  const [group] = await tx<{ strategy: "manual" | "balanced" | "sequential" }[]>`SELECT strategy FROM channel_groups WHERE id = ${groupId}`;
  if (!group) throw new UserError("not_found", "This group does not exist.", { groupId });
  return group.strategy;
}

/**
 * The transfer's note, a private note of the one who transferred (lib/notes/add-note.ts: never
 * sent to WhatsApp). Dated by the clock, not the transaction's start, so the thread shows it
 * just after the transfer's line, which it explains (at equal instants a message sorts first).
 */
async function writeNote(tx: Client, conversationId: number, authorId: number, body: string): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    INSERT INTO messages (conversation_id, direction, type, body, author_type, author_user_id, created_at)
    VALUES (${conversationId}, 'internal', 'note', ${body}, 'user', ${authorId}, clock_timestamp())
    RETURNING id`;
  return row!.id;
}
