// The Mentions view: the notes that mentioned me, latest first, a page at a time on a
// keyset cursor (mentions_user_idx), with their unread state; and who may be mentioned
// in a conversation (everyone active, with whether they may see it: the note says
// before sending that a mention of someone who may not will not reach them).
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { requireActor, requireConversationAccess, usersWhoMaySee, type Actor } from "@/lib/auth/permissions";
import { parseId, parseInput } from "@/lib/errors";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { markMentionsInput, mentionsQuery, type MarkMentionsInput } from "./schemas";

export const MENTIONS_PAGE_SIZE = 30;

const mentionItemAnswer = z.object({
  id: z.int().min(1),
  conversationId: z.int().min(1),
  messageId: z.int().min(1),
  authorName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactNumber: z.string(),
  groupName: z.string(),
  body: z.string(),
  createdAt: z.string().meta({ format: "date-time" }),
  read: z.boolean(),
});
export type MentionItem = z.output<typeof mentionItemAnswer>;

/** GET /api/v1/me/mentions. */
export const mentionsAnswer = z
  .object({ items: z.array(mentionItemAnswer), unread: z.int().min(0), nextCursor: z.string().nullable().describe("Pass as ?before= for the next page; null on the last") })
  .meta({ id: "MentionsPage" });
export type MentionsPage = z.output<typeof mentionsAnswer>;

// The mentions of conversations the user may still see (the rule of requireConversationAccess).
const VISIBLE = sql`(u.role = 'manager' OR c.assignee_id = u.id
  OR EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = c.group_id AND gm.user_id = u.id))`;

export async function readMentions(db: Db, actor: Actor | null | undefined, query: Record<string, string> = {}): Promise<MentionsPage> {
  const me = requireActor(actor);
  const { before } = parseInput(mentionsQuery, query);
  const rows = await db.execute<MentionItem>(sql`
    SELECT mn.id::int, mn.conversation_id AS "conversationId", mn.message_id::int AS "messageId", a.name AS "authorName",
           coalesce(ct.display_name, ct.profile_name) AS "contactName",
           coalesce(ct.wa_id, ct.username, ct.user_id) AS "contactNumber", g.name AS "groupName", left(m.body, 280) AS body,
           to_char(mn.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", mn.read_at IS NOT NULL AS read
      FROM mentions mn
      JOIN users u ON u.id = mn.user_id
      JOIN messages m ON m.id = mn.message_id
      JOIN conversations c ON c.id = mn.conversation_id
      JOIN contacts ct ON ct.id = c.contact_id
      JOIN channel_groups g ON g.id = c.group_id
      LEFT JOIN users a ON a.id = mn.author_id
     WHERE mn.user_id = ${me.id} ${before ? sql`AND mn.id < ${before}` : sql``} AND ${VISIBLE}
     ORDER BY mn.id DESC
     LIMIT ${MENTIONS_PAGE_SIZE + 1}`);
  const items = [...rows].slice(0, MENTIONS_PAGE_SIZE);
  return { items, unread: await countUnreadMentions(db, me), nextCursor: rows.length > MENTIONS_PAGE_SIZE ? String(items.at(-1)!.id) : null };
}

export async function countUnreadMentions(db: Db, actor: Actor | null | undefined): Promise<number> {
  const me = requireActor(actor);
  const [row] = await db.execute<{ count: number }>(sql`
    SELECT count(*)::int AS count
      FROM mentions mn JOIN users u ON u.id = mn.user_id JOIN conversations c ON c.id = mn.conversation_id
     WHERE mn.user_id = ${me.id} AND mn.read_at IS NULL AND ${VISIBLE}`);
  return row?.count ?? 0;
}

/** Marks my mentions read: those of one conversation (I opened it), or all. Tells my other tabs. */
export async function markMentionsRead(db: Db, actor: Actor | null | undefined, input: MarkMentionsInput): Promise<{ marked: number; signal: RealtimeSignal | null }> {
  const me = requireActor(actor);
  const { conversationId } = parseInput(markMentionsInput, input);
  const rows = await db.execute(sql`
    UPDATE mentions SET read_at = now()
     WHERE user_id = ${me.id} AND read_at IS NULL ${conversationId ? sql`AND conversation_id = ${conversationId}` : sql``}
    RETURNING id`);
  return { marked: rows.length, signal: rows.length > 0 ? { type: "mentions.read", userId: me.id } : null };
}

/** GET /api/v1/conversations/{id}/mention-candidates. */
export const mentionCandidatesAnswer = z.array(z.object({ id: z.int().min(1), name: z.string(), canSee: z.boolean().describe("Whether they may see the conversation (a mention of someone who may not does not reach them)") }));
export type MentionCandidate = z.output<typeof mentionCandidatesAnswer>[number];

/** Everyone active but me, those who may see the conversation first. */
export async function listMentionCandidates(db: Db, actor: Actor | null | undefined, id: unknown): Promise<MentionCandidate[]> {
  const me = requireActor(actor);
  const conversationId = parseId(id, "conversationId");
  await requireConversationAccess(db, me, conversationId);
  const people = await db.execute<{ id: number; name: string }>(sql`SELECT id, name FROM users WHERE active AND id <> ${me.id} ORDER BY name, id`);
  const allowed = await usersWhoMaySee(db, conversationId, people.map((p) => p.id));
  return people
    .map((p) => ({ id: p.id, name: p.name, canSee: allowed.has(p.id) }))
    .sort((a, b) => Number(b.canSee) - Number(a.canSee) || a.name.localeCompare(b.name));
}
