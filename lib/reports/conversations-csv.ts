// GET /api/v1/reports/conversations.csv (SPEC §7): one row per conversation created in the
// period, header first, streamed: a server-side cursor feeds csv-stringify in batches, with
// backpressure, so memory stays flat however many rows there are.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { Db } from "@/db/client";
import { at, conversationScope, isoUtc, sqlOf, type ReportFilter } from "./filter";

export const CSV_COLUMNS = [
  "conversation_id",
  "group",
  "channel",
  "contact_wa_id",
  "contact_name",
  "status",
  "assignee_email",
  "created_at",
  "first_assigned_at",
  "first_assignment_kind",
  "first_response_at",
  "closed_at",
  "queue_wait_seconds",
  "first_response_seconds",
  "resolution_seconds",
  "transfers",
] as const;

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

const BATCH = 2000;

/** The rows, batch by batch, from a cursor (the connection is held only while reading). */
export async function* conversationRows(db: Db, filter: ReportFilter): AsyncGenerator<CsvRow[]> {
  const sql = sqlOf(db);
  const seconds = (at: string) => sql`extract(epoch FROM c.${sql(at)} - c.created_at)::float8`;
  const cursor = sql<CsvRow[]>`
    SELECT c.id AS conversation_id, g.name AS "group", ch.display_number AS channel,
           ct.wa_id AS contact_wa_id, ct.profile_name AS contact_name, c.status::text AS status,
           u.email AS assignee_email,
           ${isoUtc(sql, sql`c.created_at`)} AS created_at,
           ${isoUtc(sql, sql`c.first_assigned_at`)} AS first_assigned_at,
           c.first_assignment_kind::text AS first_assignment_kind,
           ${isoUtc(sql, sql`c.first_response_at`)} AS first_response_at,
           ${isoUtc(sql, sql`c.closed_at`)} AS closed_at,
           ${seconds("first_assigned_at")} AS queue_wait_seconds,
           ${seconds("first_response_at")} AS first_response_seconds,
           ${seconds("closed_at")} AS resolution_seconds,
           c.transfer_count AS transfers
      FROM conversations c
      JOIN channel_groups g ON g.id = c.group_id
      JOIN channels ch ON ch.id = c.channel_id
      JOIN contacts ct ON ct.id = c.contact_id
      LEFT JOIN users u ON u.id = c.assignee_id
     WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}
     ORDER BY c.created_at, c.id`.cursor(BATCH);
  for await (const rows of cursor) yield rows;
}

/** The CSV text, a batch of rows at a time (csv-stringify does the quoting). */
export async function* csvChunks(db: Db, filter: ReportFilter): AsyncGenerator<string> {
  const columns = [...CSV_COLUMNS];
  yield stringify([], { header: true, columns });
  for await (const rows of conversationRows(db, filter)) yield stringify(rows, { columns });
}

/**
 * The CSV as a Node stream: header, then one line per conversation. It pulls the next
 * batch only when the reader has taken the last one, so memory holds one batch at most.
 */
export function conversationsCsv(db: Db, filter: ReportFilter): Readable {
  return Readable.from(csvChunks(db, filter), { objectMode: false });
}

export function csvFileName(filter: ReportFilter): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `fila-conversations-${day(filter.from)}-${day(filter.to)}.csv`;
}
