// Search in the inbox's lists (SPEC §4 "Long lists"): what was said, by PostgreSQL full-text
// search (accent-blind, Portuguese and English stems), or who said it, by name, username
// or number. The functions and their indexes are in the migration 'inbox_search'; the
// expressions here must stay exactly those of the indexes for PostgreSQL to use them.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { contacts, conversations, messages } from "@/db/schema";

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Messages whose text matches (GIN index messages_text_search_idx). */
const messageMatches = (search: string) => sql`m.body IS NOT NULL AND fila_message_tsv(m.body) @@ fila_search_query(${search})`;

/**
 * The ids of the conversations where a message matches, or whose contact's name, username
 * or number does ("Fabio" finds "Fábio"; a number by its digits), from the indexes.
 */
export function searchIdsSql(search: string): SQL {
  const text = search.trim();
  const digits = text.replace(/\D/g, "");
  const pattern = `%${escapeLike(text)}%`;
  const byContact = sql`fila_fold(k.profile_name) LIKE fila_fold(${pattern}) OR fila_fold(k.username) LIKE fila_fold(${pattern}) OR fila_fold(k.display_name) LIKE fila_fold(${pattern})${
    digits.length >= 3 ? sql` OR k.wa_id LIKE ${`%${digits}%`}` : sql``
  }`;
  return sql`SELECT m.conversation_id AS id FROM ${messages} m WHERE ${messageMatches(text)}
    UNION
    SELECT c2.id FROM ${conversations} c2 WHERE c2.contact_id IN (SELECT k.id FROM ${contacts} k WHERE ${byContact})`;
}

/**
 * The search as a condition on the list. A word said in few conversations is found from
 * the indexes first and then sorted (at most `rare` ids); a word said everywhere is
 * checked row by row along the list's own order, where matches come at once.
 */
export async function searchCondition(db: Queryable, search: string, rare: number): Promise<SQL | undefined> {
  if (!search.trim()) return undefined;
  const found = await db.execute<{ id: number }>(sql`SELECT id FROM (${searchIdsSql(search)}) found LIMIT ${rare + 1}`);
  const ids = [...found].map((row) => row.id);
  if (ids.length <= rare) return sql`${conversations.id} = ANY(${`{${ids.join(",")}}`}::int[])`;
  return sql`${conversations.id} IN (${searchIdsSql(search)})`;
}

/** The latest matching message of the row's conversation, with the matched words marked. */
export function searchMatchSql(search: string, mark: { start: string; end: string }) {
  const options = `StartSel=${mark.start}, StopSel=${mark.end}, MaxWords=20, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "`;
  return sql<{ messageId: number; snippet: string } | null>`(
    SELECT json_build_object('messageId', m.id, 'snippet', ts_headline('fila_portuguese', m.body, fila_search_query(${search.trim()}), ${options}))
      FROM ${messages} m
     WHERE m.conversation_id = ${conversations.id} AND ${messageMatches(search.trim())}
     ORDER BY m.id DESC
     LIMIT 1)`;
}

/** The contact spoke last (automatic messages and private notes aside): someone owes them an answer. */
export const awaitingReplySql = sql`coalesce((
  SELECT m.direction = 'in'
    FROM ${messages} m
   WHERE m.conversation_id = ${conversations.id} AND m.author_type <> 'system' AND m.direction <> 'internal'
   ORDER BY m.created_at DESC, m.id DESC
   LIMIT 1), false)`;
