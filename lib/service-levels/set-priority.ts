// A conversation's priority (docs/behaviour.md#service-levels): who may see an open
// conversation may set it — a manager, its assignee, or a member of its group while it
// waits in the queue. Checked against the locked row, with the actor's current role.
import { z } from "zod";
import type { Db } from "@/db/client";
import { requireActor, type Actor } from "@/lib/auth/permissions";
import { transaction } from "@/lib/distribution/connection";
import { lockConversation } from "@/lib/distribution/locks";
import { parseInput, UserError } from "@/lib/errors";
import { PRIORITIES, type Priority } from "./sla-state";

export const prioritySchema = z.enum(PRIORITIES, { error: "inbox.invalid.priority" });
export const priorityInput = z.object({
  conversationId: z.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId"),
  priority: prioritySchema,
});
export type PriorityInput = z.input<typeof priorityInput>;

export type PriorityChange = {
  conversationId: number;
  groupId: number;
  status: "queued" | "assigned" | "closed" | "routing";
  assigneeId: number | null;
  priority: Priority;
  changed: boolean;
};

export async function setConversationPriority(db: Db, actor: Actor | null | undefined, input: PriorityInput): Promise<PriorityChange> {
  const me = requireActor(actor);
  const { conversationId, priority } = parseInput(priorityInput, input);
  return transaction(db, async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    const [who] = await tx<{ role: "manager" | "agent"; active: boolean; member: boolean }[]>`
      SELECT u.role, u.active,
             EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = ${conversation.groupId} AND m.user_id = u.id) AS member
        FROM users u WHERE u.id = ${me.id}`;
    if (!who?.active) throw new UserError("forbidden", "Please sign in again.");
    const allowed =
      who.role === "manager" || conversation.assigneeId === me.id || (conversation.status === "queued" && who.member);
    if (!allowed) throw new UserError("forbidden", "Only the assigned agent, a member of the group while it is queued, or a manager can change the priority.");
    if (conversation.status === "closed") throw new UserError("conflict", "This conversation is closed.");
    const [row] = await tx<{ before: Priority }[]>`
      UPDATE conversations c SET priority = ${priority}
        FROM (SELECT priority FROM conversations WHERE id = ${conversationId}) old
       WHERE c.id = ${conversationId}
      RETURNING old.priority AS before`;
    return {
      conversationId,
      groupId: conversation.groupId,
      status: conversation.status,
      assigneeId: conversation.assigneeId,
      priority,
      changed: row!.before !== priority,
    };
  });
}
