// Unread (docs/behaviour.md#the-inbox "Unread and alerts"): per user and conversation, the customer messages
// after the last one that user saw (conversation_reads). A tab reports "seen up to message
// X" while the conversation is open and visible; every tab of that user then refetches.
import { and, eq, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { conversationReads, conversations, messages } from "@/db/schema";
import { requireActor, requireConversationAccess, type Actor } from "@/lib/auth/permissions";
import { parseInput, UserError } from "@/lib/errors";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import type { UnreadCounts } from "./types";

/** The customer messages of the row's conversation that the user has not seen (0 once closed); index messages_inbound_idx. */
export function unreadCountSql(userId: number) {
  return sql<number>`CASE WHEN ${conversations.status} = 'closed' THEN 0 ELSE (
    SELECT count(*)::int FROM ${messages} um
     WHERE um.conversation_id = ${conversations.id} AND um.direction = 'in' AND um.author_type = 'contact'
       AND um.id > coalesce((SELECT r.last_read_message_id FROM ${conversationReads} r
                              WHERE r.user_id = ${userId} AND r.conversation_id = ${conversations.id}), 0)) END`;
}

const hasUnread = (userId: number) => sql`EXISTS (
  SELECT 1 FROM ${messages} um
   WHERE um.conversation_id = ${conversations.id} AND um.direction = 'in' AND um.author_type = 'contact'
     AND um.id > coalesce((SELECT r.last_read_message_id FROM ${conversationReads} r
                            WHERE r.user_id = ${userId} AND r.conversation_id = ${conversations.id}), 0))`;

/** Per tab, the open conversations with something unread: the tabs' marks and (Mine) the browser tab's title. */
export async function countUnread(db: Queryable, viewer: Actor): Promise<UnreadCounts> {
  const groups =
    viewer.role === "manager" ? undefined : sql`${conversations.groupId} IN (SELECT gm.group_id FROM group_members gm WHERE gm.user_id = ${viewer.id})`;
  const [row] = await db
    .select({
      mine: sql<number>`count(*) FILTER (WHERE ${conversations.assigneeId} = ${viewer.id})::int`,
      queue: sql<number>`count(*) FILTER (WHERE ${conversations.status} = 'queued' ${groups ? sql`AND ${groups}` : sql``})::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(conversations)
    .where(
      and(
        ne(conversations.status, "closed"),
        viewer.role === "manager" ? undefined : or(eq(conversations.assigneeId, viewer.id), groups),
        hasUnread(viewer.id),
      ),
    );
  return { mine: row?.mine ?? 0, queue: row?.queue ?? 0, all: viewer.role === "manager" ? (row?.all ?? 0) : null };
}

export const markReadInput = z.object({
  conversationId: z.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId"),
  messageId: z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").max(2_147_483_647, "error.invalidValue"),
});
export type MarkReadInput = z.input<typeof markReadInput>;

/**
 * The viewer saw the conversation up to this message (of that conversation). Never moves
 * back: an older report from another tab changes nothing. The signal goes to the viewer's
 * own tabs only.
 */
export async function markConversationRead(db: Queryable, actor: Actor | null | undefined, input: unknown): Promise<{ signal: RealtimeSignal | null }> {
  const { conversationId, messageId } = parseInput(markReadInput, input);
  const viewer = requireActor(actor);
  await requireConversationAccess(db, viewer, conversationId);
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)))
    .limit(1);
  if (!message) throw new UserError("not_found", "This message is not in this conversation.");
  const changed = await db
    .insert(conversationReads)
    .values({ userId: viewer.id, conversationId, lastReadMessageId: messageId })
    .onConflictDoUpdate({
      target: [conversationReads.userId, conversationReads.conversationId],
      set: { lastReadMessageId: messageId, readAt: sql`now()` },
      setWhere: sql`${conversationReads.lastReadMessageId} < ${messageId}`,
    })
    .returning({ userId: conversationReads.userId });
  return { signal: changed.length > 0 ? { type: "conversation.read", userId: viewer.id, conversationId } : null };
}
