// GET /api/v1/reports/summary as sent (docs/behaviour.md#report-contract), declared once:
// the OpenAPI document is generated from it, the API's contract test validates real
// answers with it, and the check below holds it equal to ReportSummary.
import { z } from "zod";
import { strategy } from "@/db/schema";
import type { ReportHeadline } from "./headline";
import type { ReportSummary } from "./summary";
import type { Same } from "@/lib/api/same-shape";

const id = z.int().min(1);
const count = z.int().min(0);
const seconds = z.number().min(0);
const instant = z.string().meta({ format: "date-time" });

const durationStats = z.object({ median: seconds.nullable(), p90: seconds.nullable(), count }).describe("Seconds: median and 90th percentile of count durations");
const buckets = z.object({ lt1m: count, "1to5m": count, "5to15m": count, "15to60m": count, "1to4h": count, gt4h: count });
const assignedByKind = z.object({ auto: count, self: count, manager: count, transfer: count });
const fairness = z.object({
  groupId: id,
  groupName: z.string(),
  strategy: z.enum(strategy.enumValues),
  from: instant,
  to: instant,
  spansChange: z.boolean(),
  index: z.number().nullable().describe("Jain's fairness index of the automatic assignments"),
  agents: count,
  autoAssigned: count,
});
const requeues = z.object({ away: count, noReply: count, returned: count, removed: count });
const waitedWithSomeoneOnline = z
  .object({
    count: count.describe("Conversations whose queue wait overlapped someone of the group online"),
    totalSeconds: seconds.describe("Those seconds of waiting with someone online, summed"),
    medianSeconds: seconds.nullable().describe("Their median per conversation; null: none"),
  })
  .nullable()
  .describe("The part of the queue wait (conversations first assigned in the period) in which at least one member of the group was online; with a group or an agent only (null over all groups)");
const settingsChange = z.object({
  at: instant,
  groupId: id,
  groupName: z.string(),
  by: z.object({ id, name: z.string() }).nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
const live = z.object({ open: count, queued: count, oldestWaitSeconds: seconds.nullable(), agentsOnline: count });
/** A period's totals: the headline's (the page's first paint) and the start of the summary's figures. */
const periodTotals = {
  from: instant,
  to: instant,
  received: count,
  closed: count,
  assigned: assignedByKind,
  queueWaitSeconds: durationStats.extend({ buckets }),
  firstResponseSeconds: durationStats.extend({ buckets }),
  resolutionSeconds: durationStats,
};
const periodFigures = {
  ...periodTotals,
  fairness: z.array(fairness),
  requeues,
  waitedWithSomeoneOnline,
  settingsChanges: z.array(settingsChange),
};

export const reportSummaryAnswer = z
  .object({
    ...periodFigures,
    groupId: id.nullable(),
    agentId: id.nullable(),
    timeZone: z.string(),
    generatedAt: instant,
    bucket: z.enum(["hour", "day"]),
    timeInStatus: z.array(z.object({ agentId: id, name: z.string(), onlineSeconds: seconds, pausedSeconds: seconds, offlineSeconds: seconds })),
    loadOverTime: z.array(z.object({ at: instant, agentId: id, open: count })),
    heatmap: z.array(z.object({ weekday: z.int().min(0).max(6), hour: z.int().min(0).max(23), received: count })),
    volumeOverTime: z.array(z.object({ at: instant, received: count, closed: count })),
    agents: z.array(
      z.object({
        agentId: id,
        name: z.string(),
        email: z.string(),
        received: count,
        closed: count,
        assigned: assignedByKind,
        queueWaitSeconds: durationStats,
        firstResponseSeconds: durationStats,
        resolutionSeconds: durationStats,
        onlineSeconds: seconds,
        pausedSeconds: seconds,
        offlineSeconds: seconds,
      }),
    ),
    live,
    previous: z.object(periodFigures).describe("The same figures for the compared period"),
  })
  .meta({ id: "ReportSummary" });

/** GET /api/v1/reports/headline: the summary's live counts and totals, the page's first paint. */
export const reportHeadlineAnswer = z
  .object({ ...periodTotals, groupId: id.nullable(), agentId: id.nullable(), live, previous: z.object(periodTotals).describe("The same totals for the compared period") })
  .meta({ id: "ReportHeadline" });

const sameShape: Same<z.output<typeof reportSummaryAnswer>, ReportSummary> = true;
void sameShape;
const sameHeadline: Same<z.output<typeof reportHeadlineAnswer>, ReportHeadline> = true;
void sameHeadline;
