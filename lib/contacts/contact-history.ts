// Contact history (docs/behaviour.md#the-inbox): the contact's earlier conversations, latest first, each with
// its dates and who handled it, read a page at a time on a keyset cursor (the id: a
// contact's conversations are created in id order) over conversations_contact_idx; and
// the messages of one of them, opened from the thread. Who may read it: whoever may see
// the current conversation, and of the earlier ones only those they may see themselves
// (conversationVisibleSql, requireContactHistoryAccess).
import { sql } from "drizzle-orm";
import { z } from "zod";
import { conversationStatus } from "@/db/schema";
import type { Db } from "@/db/client";
import { conversationVisibleSql, requireActor, requireContactHistoryAccess, requireConversationAccess, type Actor } from "@/lib/auth/permissions";
import { parseId, parseInput } from "@/lib/errors";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import type { ThreadMessage } from "@/lib/inbox/types";
import { historyQuery } from "./schemas";

export const HISTORY_PAGE_SIZE = 10;

const earlierConversationAnswer = z.object({
  id: z.int().min(1),
  status: z.enum(conversationStatus.enumValues),
  groupName: z.string(),
  channelNumber: z.string(),
  createdAt: z.string().meta({ format: "date-time" }),
  closedAt: z.string().meta({ format: "date-time" }).nullable(),
  handledBy: z.array(z.string()).describe("Everyone who had it, in the order they got it"),
  messageCount: z.int().min(0),
});
export type EarlierConversation = z.output<typeof earlierConversationAnswer>;

/** GET /api/v1/conversations/{id}/history. */
export const contactHistoryAnswer = z
  .object({ items: z.array(earlierConversationAnswer), nextCursor: z.string().nullable().describe("Pass as ?before= for the next page; null on the last") })
  .meta({ id: "ContactHistoryPage" });
export type ContactHistoryPage = z.output<typeof contactHistoryAnswer>;

const isoOf = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function readContactHistory(db: Db, actor: Actor | null | undefined, id: unknown, query: Record<string, string> = {}): Promise<ContactHistoryPage> {
  const viewer = requireActor(actor);
  const conversationId = parseId(id, "conversationId");
  await requireConversationAccess(db, viewer, conversationId);
  const { before } = parseInput(historyQuery, query);
  const upper = Math.min(before ?? conversationId, conversationId);
  const rows = await db.execute<EarlierConversation>(sql`
    SELECT c.id, c.status, g.name AS "groupName", ch.display_number AS "channelNumber",
           ${isoOf("c.created_at")} AS "createdAt", ${isoOf("c.closed_at")} AS "closedAt",
           -- Who had it (assignment_spans); a closed one keeps its last assignee even without spans.
           coalesce((SELECT array_agg(u.name ORDER BY s.first_start)
                       FROM (SELECT user_id, min(started_at) AS first_start FROM assignment_spans
                              WHERE conversation_id = c.id GROUP BY user_id) s
                       JOIN users u ON u.id = s.user_id),
                    CASE WHEN a.name IS NOT NULL THEN ARRAY[a.name] END, '{}') AS "handledBy",
           (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id) AS "messageCount"
      FROM conversations c
      JOIN channel_groups g ON g.id = c.group_id
      JOIN channels ch ON ch.id = c.channel_id
      LEFT JOIN users a ON a.id = c.assignee_id
     WHERE c.contact_id = (SELECT contact_id FROM conversations WHERE id = ${conversationId})
       AND c.id < ${upper}
       AND ${conversationVisibleSql(viewer, "c")}
     ORDER BY c.id DESC
     LIMIT ${HISTORY_PAGE_SIZE + 1}`);
  const items = [...rows].slice(0, HISTORY_PAGE_SIZE);
  return { items, nextCursor: rows.length > HISTORY_PAGE_SIZE ? String(items.at(-1)!.id) : null };
}

/** The messages (and notes) of one of the contact's earlier conversations. */
export async function readHistoryThread(db: Db, actor: Actor | null | undefined, id: unknown, earlierId: unknown): Promise<ThreadMessage[]> {
  const conversationId = parseId(id, "conversationId");
  const otherId = parseId(earlierId, "earlierId");
  await requireContactHistoryAccess(db, actor, conversationId, otherId);
  return listThreadMessages(db, otherId);
}
