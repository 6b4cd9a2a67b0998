"use client";

// What the summary adds under the headline figures: requeues by why, the settings changes
// (each can be compared before / after), the charts and the per-agent table.
import type { ReportSummary } from "@/lib/reports/summary";
import { AssignedChart, BucketsChart, ChartCard, COLORS, FairnessChart, HeatmapChart, LoadRankChart, LoadTotalChart, TimeInStatusChart, VolumeChart, type Marker } from "./charts";
import { describeChanges } from "@/components/groups/describe-change";
import type { Formatters } from "./format";
import { aroundMarker, minuteOf } from "./period";
import type { Translate } from "@/lib/i18n/translate";
import { Stat } from "./report-figures";

type SettingsChange = ReportSummary["settingsChanges"][number];

/** What a settings change changed: "Strategy: Balanced → Sequential; …". */
const changedText = (t: Translate, change: SettingsChange) =>
  describeChanges(t, change.changes)
    .map((line) => `${line.label}: ${line.from} → ${line.to}`)
    .join("; ");

const whoOf = (t: Translate, change: SettingsChange) => change.by?.name ?? t("reports.markers.system");

/** The settings changes of the period, numbered as on the charts, each comparable before / after. */
function Markers(props: { summary: ReportSummary; t: Translate; f: Formatters; onCompare: (changes: Record<string, string | undefined>) => void }) {
  const { summary, t, f } = props;
  const period = { from: new Date(summary.from), to: new Date(summary.to) };
  return (
    <section className="rounded-lg border border-amber-200 bg-amber-50/50 px-4 py-3" data-testid="settings-changes">
      <h2 className="text-sm font-semibold text-slate-800">{t("reports.markers.title")}</h2>
      {summary.settingsChanges.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{t("reports.markers.none")}</p>
      ) : (
        <ol className="mt-2 flex flex-col gap-2">
          {summary.settingsChanges.map((change, i) => {
            const around = aroundMarker(period, new Date(change.at), new Date(summary.generatedAt));
            return (
              <li key={`${change.at}-${change.groupId}`} className="flex flex-col gap-1 text-sm md:flex-row md:items-center md:gap-3" data-testid="settings-change" data-at={change.at}>
                <span className="font-semibold text-amber-700 tabular-nums">▲{i + 1}</span>
                <span className="text-slate-500 tabular-nums">{f.tooltipTime(change.at, "hour")}</span>
                <span className="text-slate-700">{t("reports.markers.who", { who: whoOf(t, change), group: change.groupName })}</span>
                <span className="text-slate-900">{changedText(t, change)}</span>
                {around ? (
                  <button
                    type="button"
                    data-testid="compare-around"
                    className="rounded-md border border-amber-300 bg-white px-2 py-1 text-xs font-medium text-amber-800 hover:bg-amber-100 md:ml-auto"
                    onClick={() =>
                      props.onCompare({
                        period: "custom",
                        start: minuteOf(around.after.from),
                        end: minuteOf(around.after.to),
                        cmpStart: minuteOf(around.before.from),
                        around: change.at,
                      })
                    }
                  >
                    {t("reports.markers.compare")}
                  </button>
                ) : (
                  <span className="text-xs text-slate-500 md:ml-auto">{t("reports.markers.tooShort")}</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Requeues({ summary, t, f }: { summary: ReportSummary; t: Translate; f: Formatters }) {
  const keys = ["away", "noReply", "returned", "removed"] as const;
  // Time left lying in the queue while someone of the group was online (docs/behaviour.md#reports).
  const waited = summary.waitedWithSomeoneOnline;
  const before = summary.previous.waitedWithSomeoneOnline ?? undefined;
  return (
    <section aria-label={t("reports.requeues.title")}>
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("reports.requeues.title")}</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {keys.map((key) => (
          <Stat
            key={key}
            testId={`requeues-${key}`}
            label={t(`reports.requeues.${key}`)}
            value={f.integer(summary.requeues[key])}
            dataValue={summary.requeues[key]}
            previous={{ value: summary.previous.requeues[key], text: f.integer(summary.previous.requeues[key]), better: key === "away" || key === "noReply" ? "lower" : null }}
            t={t}
          />
        ))}
        {waited ? (
          <Stat
            testId="waited-with-someone-online"
            label={t("reports.waitedOnline.title")}
            value={f.seconds(waited.totalSeconds)}
            detail={t("reports.waitedOnline.detail", { count: waited.count, median: f.seconds(waited.medianSeconds) })}
            dataValue={waited.totalSeconds}
            previous={before && { value: before.totalSeconds, text: f.seconds(before.totalSeconds), better: "lower" }}
            t={t}
          />
        ) : (
          <Stat testId="waited-with-someone-online" label={t("reports.waitedOnline.title")} value="—" detail={t("reports.waitedOnline.chooseGroup")} />
        )}
      </div>
    </section>
  );
}

/** The two waits drawn in the same minute buckets. */
const BUCKET_CHARTS = [
  { title: "reports.chart.queueWait", figure: "queueWaitSeconds", testId: "chart-queue-wait", color: 2 },
  { title: "reports.chart.firstResponse", figure: "firstResponseSeconds", testId: "chart-first-response", color: 0 },
] as const;

/** Requeues, settings changes, the charts and the per-agent table: the summary's. */
export function ReportDetails(props: { summary: ReportSummary; t: Translate; f: Formatters; onCompare: (changes: Record<string, string | undefined>) => void }) {
  const { summary, t, f } = props;
  // On the charts each marker says when, who and what ("07 Dec, 10:40 · Ana · Strategy: Balanced → Sequential").
  const markers: Marker[] = summary.settingsChanges.map((c, i) => ({
    at: c.at,
    n: i + 1,
    text: t("reports.markers.line", { time: f.tooltipTime(c.at, "hour"), who: whoOf(t, c), what: changedText(t, c) }),
  }));
  return (
    <>
      <Requeues summary={summary} t={t} f={f} />
      <Markers summary={summary} t={t} f={f} onCompare={props.onCompare} />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard wide title={t("reports.chart.volume")} testId="chart-volume">
          <VolumeChart summary={summary} t={t} f={f} markers={markers} />
        </ChartCard>
        <ChartCard title={t("reports.chart.assigned")} testId="chart-assigned">
          <AssignedChart summary={summary} t={t} f={f} />
        </ChartCard>
        <ChartCard title={t("reports.chart.fairness")} subtitle={t("reports.fairness.explain")} testId="chart-fairness">
          <FairnessChart summary={summary} t={t} f={f} />
        </ChartCard>
        {BUCKET_CHARTS.map((chart) => (
          <ChartCard
            key={chart.testId}
            title={t(chart.title)}
            subtitle={t("reports.kpi.count", { n: f.integer(summary[chart.figure].count) })}
            testId={chart.testId}
          >
            <BucketsChart buckets={summary[chart.figure].buckets} t={t} f={f} color={COLORS[chart.color]!} />
          </ChartCard>
        ))}
        <ChartCard
          wide
          title={t("reports.chart.load")}
          subtitle={t(summary.bucket === "hour" ? "reports.chart.load.hourly" : "reports.chart.load.daily")}
          testId="chart-load"
        >
          <LoadTotalChart summary={summary} t={t} f={f} markers={markers} />
          <p className="mt-3 mb-1 text-xs text-slate-500">{t("reports.chart.load.ranked")}</p>
          <LoadRankChart summary={summary} t={t} f={f} />
        </ChartCard>
        <ChartCard title={t("reports.chart.heatmap")} testId="chart-heatmap">
          <HeatmapChart summary={summary} t={t} f={f} />
        </ChartCard>
        <ChartCard title={t("reports.chart.timeInStatus")} subtitle={t("reports.chart.hours")} testId="chart-time-in-status">
          <TimeInStatusChart summary={summary} t={t} f={f} />
        </ChartCard>
      </div>
      <AgentTable summary={summary} t={t} f={f} />
    </>
  );
}

function AgentTable({ summary, t, f }: { summary: ReportSummary; t: Translate; f: Formatters }) {
  const th = "px-3 py-2 text-right font-medium whitespace-nowrap";
  const td = "px-3 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="agent-table">
      <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-800">{t("reports.table.title")}</h2>
      {summary.agents.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">{t("reports.table.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-xs text-slate-500">
              <tr>
                <th className="px-3 py-2 text-left font-medium">{t("reports.table.agent")}</th>
                <th className={th}>{t("reports.table.received")}</th>
                <th className={th}>{t("reports.table.auto")}</th>
                <th className={th}>{t("reports.table.self")}</th>
                <th className={th}>{t("reports.table.manager")}</th>
                <th className={th}>{t("reports.table.transfer")}</th>
                <th className={th}>{t("reports.table.firstResponseMedian")}</th>
                <th className={th}>{t("reports.table.firstResponseP90")}</th>
                <th className={th}>{t("reports.table.resolutionMedian")}</th>
                <th className={th}>{t("reports.table.online")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {summary.agents.map((a) => (
                <tr key={a.agentId} data-testid="agent-row" data-agent={a.name} data-received={a.received}>
                  <td className="px-3 py-2 text-left font-medium whitespace-nowrap text-slate-900">{a.name}</td>
                  <td className={td}>{f.integer(a.received)}</td>
                  <td className={td}>{f.integer(a.assigned.auto)}</td>
                  <td className={td}>{f.integer(a.assigned.self)}</td>
                  <td className={td}>{f.integer(a.assigned.manager)}</td>
                  <td className={td}>{f.integer(a.assigned.transfer)}</td>
                  <td className={td}>{f.seconds(a.firstResponseSeconds.median)}</td>
                  <td className={td}>{f.seconds(a.firstResponseSeconds.p90)}</td>
                  <td className={td}>{f.seconds(a.resolutionSeconds.median)}</td>
                  <td className={td}>{f.seconds(a.onlineSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500" data-testid="agent-table-note">
            {t("reports.table.note")}
          </p>
        </div>
      )}
    </section>
  );
}
