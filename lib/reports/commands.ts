// The reports as commands (the shape of every lib/ entry point): authorize — managers only
// (docs/behaviour.md#reports) — validate the query, then compute. Route handlers and scripts call these.
import type { Readable } from "node:stream";
import type { Db } from "@/db/client";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { conversationsCsv, csvFileName } from "./conversations-csv";
import { parseCsvLocale, parseReportParams } from "./params";
import { parseSummaryParams } from "./compare";
import { reportHeadline, type ReportHeadline } from "./headline";
import { reportSummary, type ReportSummary } from "./summary";

export type ReportQuery = URLSearchParams | Record<string, string>;

export async function readReportSummary(db: Db, actor: Actor | null | undefined, query: ReportQuery): Promise<ReportSummary> {
  requireManager(actor);
  const { filter, compare } = await parseSummaryParams(db, query);
  return reportSummary(db, filter, compare);
}

/** The live counts and headline numbers alone, the page's first paint (same parameters as the summary). */
export async function readReportHeadline(db: Db, actor: Actor | null | undefined, query: ReportQuery): Promise<ReportHeadline> {
  requireManager(actor);
  const { filter, compare } = await parseSummaryParams(db, query);
  return reportHeadline(db, filter, compare);
}

export async function readConversationsCsv(db: Db, actor: Actor | null | undefined, query: ReportQuery): Promise<{ stream: Readable; fileName: string }> {
  requireManager(actor);
  const filter = await parseReportParams(db, query);
  const locale = parseCsvLocale(query);
  return { stream: await conversationsCsv(db, filter, { locale }), fileName: csvFileName(filter) };
}
