// The report's URLs: the summary the page draws and the CSV it offers, same parameters.
import type { Locale } from "@/lib/i18n/locales";
import type { Period } from "./period";

export type ReportSelection = { period: Period; groupId?: number; agentId?: number; timeZone: string; compare?: { from: Date; to: Date } | null };

export function reportQuery({ period, groupId, agentId, timeZone }: ReportSelection): string {
  const params = new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString(), tz: timeZone });
  if (groupId !== undefined) params.set("groupId", String(groupId));
  if (agentId !== undefined) params.set("agentId", String(agentId));
  return params.toString();
}

/** The summary's query: the report's, and the compared period when one was chosen. */
export function summaryQuery(selection: ReportSelection): string {
  const query = reportQuery(selection);
  const { compare } = selection;
  return compare ? `${query}&${new URLSearchParams({ compareFrom: compare.from.toISOString(), compareTo: compare.to.toISOString() })}` : query;
}

export const reportUrls = {
  summary: (selection: ReportSelection) => `/api/v1/reports/summary?${summaryQuery(selection)}`,
  /** The live counts and headline figures alone: a few scans, painted before the summary's charts. */
  headline: (selection: ReportSelection) => `/api/v1/reports/headline?${summaryQuery(selection)}`,
  /** In Portuguese, a CSV Brazilian spreadsheets open as they are (`;` and a decimal comma). */
  csv: (selection: ReportSelection, locale: Locale) =>
    `/api/v1/reports/conversations.csv?${reportQuery(selection)}${locale === "pt-BR" ? "&locale=pt-BR" : ""}`,
};

export const reportKeys = {
  summary: (selection: ReportSelection) => ["reports", "summary", summaryQuery(selection)] as const,
  headline: (selection: ReportSelection) => ["reports", "headline", summaryQuery(selection)] as const,
};
