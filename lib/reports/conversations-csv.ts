// GET /api/v1/reports/conversations.csv (docs/behaviour.md#report-contract): one row per
// conversation created in the period, header first, streamed. PostgreSQL writes the CSV
// itself (COPY … TO STDOUT WITH (FORMAT csv, HEADER): its quoting follows RFC 4180) and
// postgres.js streams it with backpressure, so memory stays flat however many rows there
// are and no JavaScript formats a row. COPY takes no bind parameters: the only values
// written into the statement are an instant's toISOString(), integers and the separator,
// checked here; the time zone is a setting of the connection, sent as a bind parameter.
// The COPY runs on a connection of its own (separateConnection): the reader sets its
// pace, and nothing else waits behind it.
//
// A file people open in a spreadsheet: UTF-8 with a byte-order mark (without it Excel
// reads Latin-1), times in the report's time zone with their offset, and every text cell
// a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) written
// as text behind an apostrophe: contact names are chosen by strangers.
import { Readable } from "node:stream";
import { separateConnection, type Db } from "@/db/client";
import { timeZoneOf, type ReportFilter } from "./filter";
import type { CsvLocale } from "./params";

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

export type CsvOptions = { locale: CsvLocale };

const instant = (date: Date) => {
  const iso = date.toISOString();
  if (!/^[0-9TZ:.+-]+$/.test(iso)) throw new Error(`not an instant: ${iso}`);
  return `'${iso}'::timestamptz`;
};
const integer = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** The instant in the connection's time zone (the report's), with its offset: 2026-01-10T09:30:00.000-03:00. */
const localTime = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM')`;

/**
 * A text cell: one that a spreadsheet would read as a formula is written as text (a
 * leading apostrophe), whatever its column. Times and numbers are written here and
 * begin with a digit (a duration is never negative).
 */
const text = (column: string) => `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${column} ELSE ${column} END`;

/** The SELECT behind the CSV, its columns named as docs/behaviour.md#report-contract names them. */
export function csvSelect(filter: ReportFilter, { locale }: CsvOptions = { locale: "en" }): string {
  // A decimal comma where cells are separated by semicolons (Brazilian spreadsheets).
  // The durations as the row stores them (migration 0029: extract(epoch FROM … - created_at)::float8).
  const seconds = (column: string) => {
    const value = `c.${column}`;
    return locale === "pt-BR" ? `replace(${value}::text, '.', ',')` : value;
  };
  return `
    SELECT c.id AS conversation_id, ${text("g.name")} AS "group", ${text("ch.display_number")} AS channel,
           ${text("ct.wa_id")} AS contact_wa_id, ${text("ct.profile_name")} AS contact_name, ${text("c.status::text")} AS status,
           ${text("u.email")} AS assignee_email,
           ${localTime("c.created_at")} AS created_at,
           ${localTime("c.first_assigned_at")} AS first_assigned_at,
           ${text("c.first_assignment_kind::text")} AS first_assignment_kind,
           ${localTime("c.first_response_at")} AS first_response_at,
           ${localTime("c.closed_at")} AS closed_at,
           ${seconds("queue_wait_seconds")} AS queue_wait_seconds,
           ${seconds("first_response_seconds")} AS first_response_seconds,
           ${seconds("resolution_seconds")} AS resolution_seconds,
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

const BOM = Buffer.from("\uFEFF", "utf8");

/**
 * The CSV as a Node stream of bytes: the byte-order mark, the header, then one line per
 * conversation. Its connection closes with the COPY's stream, whether the reader read to
 * the end or went away halfway (a COPY cannot be left mid-way on a connection that is
 * then reused).
 */
export async function conversationsCsv(db: Db, filter: ReportFilter, options: CsvOptions = { locale: "en" }): Promise<Readable> {
  const connection = separateConnection(db);
  const close = () => void connection.end({ timeout: 0 });
  try {
    await connection`SELECT set_config('TimeZone', ${timeZoneOf(filter)}, false)`;
    const delimiter = options.locale === "pt-BR" ? ";" : ",";
    const copy = await connection.unsafe(`COPY (${csvSelect(filter, options)}) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER '${delimiter}')`).readable();
    copy.once("close", close);
    // Pulled at the reader's pace; a reader that goes away ends the generator, whose
    // loop then destroys the COPY's stream (and so closes its connection).
    return Readable.from(
      (async function* () {
        yield BOM;
        for await (const chunk of copy) yield chunk as Buffer;
      })(),
      { objectMode: false },
    );
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * The period as the user chose it, in the report's time zone: its days (the last one
 * included) when it runs from midnight to midnight, else its start and end to the minute.
 */
export function csvFileName(filter: ReportFilter): string {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: timeZoneOf(filter),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const local = (date: Date) => {
    const part = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
    return { day: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}h${part.minute}` };
  };
  const from = local(filter.from);
  const to = local(filter.to);
  if (from.time === "00h00" && to.time === "00h00") {
    const last = local(new Date(filter.to.getTime() - 1)).day;
    return `fila-conversations-${from.day === last ? from.day : `${from.day}-to-${last}`}.csv`;
  }
  return `fila-conversations-${from.day}T${from.time}-to-${to.day}T${to.time}.csv`;
}
