// GET /api/v1/reports/conversations.csv (SPEC §7): one row per conversation created in the
// period, header first, streamed. PostgreSQL writes the CSV itself (COPY … TO STDOUT WITH
// (FORMAT csv, HEADER): its quoting follows RFC 4180) and postgres.js streams it with
// backpressure, so memory stays flat however many rows there are and no JavaScript formats
// a row. COPY takes no bind parameters: the only values written into the statement are an
// instant's toISOString() and integers, checked here. The COPY runs on a connection of
// its own (separateConnection): the reader sets its pace, and nothing else waits behind it.
import type { Readable } from "node:stream";
import { separateConnection, type Db } from "@/db/client";
import type { ReportFilter } from "./filter";

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
  "first_response_target_met",
  "resolution_target_met",
] as const;

const instant = (date: Date) => {
  const iso = date.toISOString();
  if (!/^[0-9TZ:.+-]+$/.test(iso)) throw new Error(`not an instant: ${iso}`);
  return `'${iso}'::timestamptz`;
};
const integer = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const seconds = (column: string) => `extract(epoch FROM ${column} - c.created_at)::float8`;

/** The SELECT behind the CSV, its columns named as SPEC §7 names them. */
export function csvSelect(filter: ReportFilter): string {
  return `
    SELECT c.id AS conversation_id, g.name AS "group", ch.display_number AS channel,
           ct.wa_id AS contact_wa_id, ct.profile_name AS contact_name, c.status AS status,
           u.email AS assignee_email,
           ${iso("c.created_at")} AS created_at,
           ${iso("c.first_assigned_at")} AS first_assigned_at,
           c.first_assignment_kind AS first_assignment_kind,
           ${iso("c.first_response_at")} AS first_response_at,
           ${iso("c.closed_at")} AS closed_at,
           ${seconds("c.first_assigned_at")} AS queue_wait_seconds,
           ${seconds("c.first_response_at")} AS first_response_seconds,
           ${seconds("c.closed_at")} AS resolution_seconds,
           c.transfer_count AS transfers,
           -- Service levels (docs/behaviour.md#service-levels): empty without a target or while it runs.
           CASE WHEN c.first_response_at IS NOT NULL THEN c.first_response_at <= c.first_response_due_at
                WHEN now() > c.first_response_due_at THEN false END AS first_response_target_met,
           CASE WHEN c.closed_at IS NOT NULL THEN c.closed_at <= c.resolution_due_at
                WHEN now() > c.resolution_due_at THEN false END AS resolution_target_met
      FROM conversations c
      JOIN channel_groups g ON g.id = c.group_id
      JOIN channels ch ON ch.id = c.channel_id
      JOIN contacts ct ON ct.id = c.contact_id
      LEFT JOIN users u ON u.id = c.assignee_id
     WHERE c.created_at >= ${instant(filter.from)} AND c.created_at < ${instant(filter.to)}
       ${filter.groupId === undefined ? "" : `AND c.group_id = ${integer(filter.groupId)}`}
       ${filter.agentId === undefined ? "" : `AND c.assignee_id = ${integer(filter.agentId)}`}
     ORDER BY c.created_at, c.id`;
}

/**
 * The CSV as a Node stream of bytes: header, then one line per conversation. Its
 * connection closes with the stream, whether the reader read to the end or went away
 * halfway (a COPY cannot be left mid-way on a connection that is then reused).
 */
export async function conversationsCsv(db: Db, filter: ReportFilter): Promise<Readable> {
  const connection = separateConnection(db);
  const close = () => void connection.end({ timeout: 0 });
  try {
    const stream = await connection.unsafe(`COPY (${csvSelect(filter)}) TO STDOUT WITH (FORMAT csv, HEADER)`).readable();
    stream.once("close", close);
    return stream;
  } catch (error) {
    close();
    throw error;
  }
}

export function csvFileName(filter: ReportFilter): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `fila-conversations-${day(filter.from)}-${day(filter.to)}.csv`;
}
