// The query string of both report endpoints (docs/behaviour.md#reports): from and to as ISO-8601 instants,
// optional groupId and agentId, optional tz (IANA) for weekdays, hours and days. Bad input
// is refused with a clear message: unparseable, from not before to, a period over 366
// days, an unknown time zone, group or agent.
import { z } from "zod";
import type { Db } from "@/db/client";
import { invalidFields, parseInput } from "@/lib/errors";
import { sqlOf, type ReportFilter } from "./filter";

export const MAX_PERIOD_DAYS = 366;

const id = z.coerce.number().int("reports.invalid.id").positive("reports.invalid.id").max(2_147_483_647, "reports.invalid.id").optional();

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const reportParamsSchema = z.object({
  from: z.iso.datetime({ offset: true, error: "reports.invalid.from" }),
  to: z.iso.datetime({ offset: true, error: "reports.invalid.to" }),
  groupId: id,
  agentId: id,
  tz: z.string().refine(validTimeZone, "reports.invalid.tz").optional(),
});

/** The CSV's languages: `pt-BR` writes `;` between cells and a decimal comma (docs/behaviour.md#report-contract). */
export const CSV_LOCALES = ["en", "pt-BR"] as const;
export type CsvLocale = (typeof CSV_LOCALES)[number];

export const csvParamsSchema = reportParamsSchema.extend({
  locale: z.enum(CSV_LOCALES, { error: "reports.invalid.locale" }).optional(),
});

/** The CSV's language from its query (English when absent). */
export function parseCsvLocale(search: URLSearchParams | Record<string, string>): CsvLocale {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const locale = params.get("locale");
  if (locale === null || locale === "") return "en";
  return parseInput(csvParamsSchema.pick({ locale: true }), { locale }).locale ?? "en";
}

/** Reads and checks the parameters, including that the group and agent exist. */
export async function parseReportParams(db: Db, search: URLSearchParams | Record<string, string>): Promise<ReportFilter> {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const key of ["from", "to", "groupId", "agentId", "tz"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  const input = parseInput(reportParamsSchema, raw);
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (from.getTime() >= to.getTime()) throw invalidFields({ to: "reports.invalid.order" });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 24 * 3600 * 1000) throw invalidFields({ to: "reports.invalid.tooLong" });
  const sql = sqlOf(db);
  if (input.groupId !== undefined) {
    const [group] = await sql`SELECT 1 FROM channel_groups WHERE id = ${input.groupId}`;
    if (!group) throw invalidFields({ groupId: "reports.invalid.unknownGroup" });
  }
  if (input.agentId !== undefined) {
    const [agent] = await sql`SELECT 1 FROM users WHERE id = ${input.agentId}`;
    if (!agent) throw invalidFields({ agentId: "reports.invalid.unknownAgent" });
  }
  return { from, to, groupId: input.groupId, agentId: input.agentId, timeZone: input.tz };
}
