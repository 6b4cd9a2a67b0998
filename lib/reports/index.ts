// Reports (SPEC §7): one module per figure, each `(db, filter)`, free of Next.js.
export type { ReportFilter } from "./filter";
export { parseReportParams, parseCsvLocale, MAX_PERIOD_DAYS, CSV_LOCALES, type CsvLocale } from "./params";
export { reportSummary, type ReportSummary, type AgentRow } from "./summary";
export { conversationsCsv, csvFileName, csvSelect, CSV_COLUMNS, type CsvOptions } from "./conversations-csv";
export { receivedCounts } from "./received";
export { closedCounts } from "./closed";
export { assignedByKind, ASSIGNMENT_KINDS } from "./assigned";
export { queueWait } from "./queue-wait";
export { firstResponse } from "./first-response";
export { resolution, closedQuarters } from "./resolution";
export { loadOverTime } from "./load-over-time";
export { fairness, jainIndex } from "./fairness";
export { timeInStatus } from "./time-in-status";
export { arrivalsHeatmap } from "./heatmap";
export { volumeOverTime } from "./volume";
export { liveCounts } from "./live";
export { FIRST_RESPONSE_BUCKETS } from "./durations";
export { readReportSummary, readConversationsCsv } from "./commands";
