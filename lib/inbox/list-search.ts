// Search in the inbox's lists (docs/behaviour.md#the-inbox "Long lists"): what was said, by PostgreSQL full-text
// search (accent-blind, Portuguese and English stems), or who said it, by name, username
// or number. The functions and their indexes are in the migration 'inbox_search'; the
// expressions here must stay exactly those of the indexes for PostgreSQL to use them.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { contacts, conversations, messages } from "@/db/schema";

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Messages whose text matches (GIN index messages_text_search_idx). */
const messageMatches = (search: string) => sql`m.body IS NOT NULL AND fila_message_tsv(m.body) @@ fila_search_query(${search})`;

/** The contacts whose name, username or number matches ("Fabio" finds "Fábio"; a number by its digits), from the trigram indexes. */
function contactMatches(search: string): SQL {
  const digits = search.replace(/\D/g, "");
  const pattern = `%${escapeLike(search)}%`;
  return sql`SELECT k.id FROM ${contacts} k
    WHERE fila_fold(k.profile_name) LIKE fila_fold(${pattern}) OR fila_fold(k.username) LIKE fila_fold(${pattern}) OR fila_fold(k.display_name) LIKE fila_fold(${pattern})${
      digits.length >= 3 ? sql` OR k.wa_id LIKE ${`%${digits}%`}` : sql``
    }`;
}

/** The ids of the conversations where a message matches, or whose contact does. */
export function searchIdsSql(search: string): SQL {
  const text = search.trim();
  return sql`SELECT m.conversation_id AS id FROM ${messages} m WHERE ${messageMatches(text)}
    UNION
    SELECT c2.id FROM ${conversations} c2 WHERE c2.contact_id IN (${contactMatches(text)})`;
}

/**
 * How a search narrows a list:
 * - `ids`: a word said in few messages is found from the indexes first, and the list is
 *   read by those ids (exact total);
 * - `walk`: a word said everywhere is checked conversation by conversation along the list's
 *   own order, where matches come at once; its total is not counted (it would mean
 *   checking every conversation of the history).
 */
export type SearchPlan = { kind: "ids"; ids: number[]; condition: SQL } | { kind: "walk"; condition: SQL };

/** A word said in more messages than this (by the index's statistics) is walked. */
export const FREQUENT_MESSAGES = 20_000;

/**
 * How many messages the search's least frequent word is in, from the statistics ANALYZE
 * keeps on the text index (its most common lexemes and their frequencies): a word not among
 * them is rarer than all of them, and counts 0 here (its posting list is short to read).
 * Exact membership, not the planner's guess for unknown words (1% of the table).
 */
async function frequentMessages(db: Queryable, text: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    SELECT (coalesce(min(coalesce(s.freq, 0)), 0) * (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'messages'::regclass))::float8 AS n
      FROM unnest(tsvector_to_array(to_tsvector('pg_catalog.portuguese'::regconfig, fila_unaccent(${text}))
                                    || to_tsvector('pg_catalog.english'::regconfig, fila_unaccent(${text})))) AS l(lexeme)
      LEFT JOIN LATERAL (
        SELECT f.freq FROM pg_stats p, unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS f(elem, freq)
         WHERE p.schemaname = current_schema() AND p.tablename = 'messages_text_search_idx' AND f.elem = l.lexeme
         LIMIT 1) s ON true`);
  return Number(row?.n ?? 0);
}

export async function searchPlan(db: Queryable, search: string, rare: number): Promise<SearchPlan | undefined> {
  const text = search.trim();
  if (!text) return undefined;
  const walk: SearchPlan = {
    kind: "walk",
    // A subquery with LIMIT stays a per-row check (a semi-join would read every match first).
    condition: sql`((SELECT true FROM ${messages} m WHERE m.conversation_id = ${conversations.id} AND ${messageMatches(text)} LIMIT 1)
                    OR ${conversations.contactId} IN (${contactMatches(text)}))`,
  };
  if ((await frequentMessages(db, text)) > FREQUENT_MESSAGES) return walk;
  // Each arm stops at `rare` + 1: neither reads more than that.
  const found = [
    ...(await db.execute<{ id: number; arm: number }>(sql`
      (SELECT m.conversation_id AS id, 1 AS arm FROM ${messages} m WHERE ${messageMatches(text)} LIMIT ${rare + 1})
      UNION ALL
      (SELECT c2.id, 2 AS arm FROM ${conversations} c2 WHERE c2.contact_id IN (${contactMatches(text)}) LIMIT ${rare + 1})`)),
  ];
  const truncated = [1, 2].some((arm) => found.filter((row) => row.arm === arm).length > rare);
  const ids = [...new Set(found.map((row) => Number(row.id)))];
  if (truncated || ids.length > rare) return walk;
  return { kind: "ids", ids, condition: sql`${conversations.id} = ANY(${`{${ids.join(",")}}`}::int[])` };
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
