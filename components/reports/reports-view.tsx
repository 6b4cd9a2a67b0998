"use client";

// The Reports page (docs/behaviour.md#reports): period (in the browser's time zone, any
// minute), group, agent and compared period in the URL; live counts, key figures beside
// the compared period's, settings changes marked on the time charts (each can be compared
// before / after), charts and the per-agent table from one summary request; the CSV of
// the same selection.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useState, useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ReportSummary } from "@/lib/reports/summary";
import { AssignedChart, BucketsChart, ChartCard, COLORS, FairnessChart, HeatmapChart, LoadRankChart, LoadTotalChart, TimeInStatusChart, VolumeChart, type Marker } from "./charts";
import { describeChanges } from "@/components/groups/describe-change";
import { formatters, type Formatters } from "./format";
import { aroundMarker, comparedOf, isPeriodKind, minuteOf, PERIODS, periodOf, type PeriodKind } from "./period";
import { ApiError, fetchJson, retryServerErrors } from "@/components/ui/fetch-json";
import { refusalLine } from "@/components/ui/action-error";
import { NamedOptions } from "@/components/ui/field";
import { reportKeys, reportUrls, type ReportSelection } from "./report-queries";
import type { Translate } from "@/lib/i18n/translate";
import { Button } from "@/components/ui/button";

export type ReportGroup = { id: number; name: string };
export type ReportAgentOption = { id: number; name: string; groupIds: number[] };

const subscribeNothing = () => () => {};
/** The browser's time zone; null while rendering on the server (the period is the browser's). */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(subscribeNothing, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
}

const positiveId = (value: string | null) => {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export function ReportsView({ groups, agents }: { groups: ReportGroup[]; agents: ReportAgentOption[] }) {
  const { t, locale } = useI18n();
  const f = useMemo(() => formatters(locale, t), [locale, t]);
  const pathname = usePathname();
  const search = useSearchParams();
  const timeZone = useBrowserTimeZone();

  const rawKind = search.get("period");
  const kind: PeriodKind = isPeriodKind(rawKind) ? rawKind : "7d";
  const groupId = positiveId(search.get("groupId"));
  const agentId = positiveId(search.get("agentId"));
  const period = useMemo(() => (timeZone ? periodOf(kind, search.get("start"), search.get("end")) : null), [timeZone, kind, search]);
  const compare = useMemo(() => (period ? comparedOf(period, search.get("cmpStart")) : null), [period, search]);
  const selection: ReportSelection | null = period && timeZone ? { period, groupId, agentId, timeZone, compare } : null;

  const { data, error, isFetching } = useQuery({
    queryKey: selection ? reportKeys.summary(selection) : ["reports", "summary", "pending"],
    queryFn: () => fetchJson<ReportSummary>(reportUrls.summary(selection!)),
    retry: retryServerErrors,
    enabled: selection !== null,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  function update(changes: Record<string, string | undefined>) {
    const params = new URLSearchParams(search.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") params.delete(key);
      else params.set(key, value);
    }
    // The browser's own history: Next keeps useSearchParams in step, and nothing goes back
    // to the server (the selection only changes the summary request).
    window.history.replaceState(null, "", `${pathname}?${params.toString()}`);
  }

  const visibleAgents = groupId === undefined ? agents : agents.filter((a) => a.groupIds.includes(groupId));

  return (
    <div className="flex flex-col gap-4" data-testid="reports" data-loading={isFetching ? "true" : "false"}>
      <Toolbar
        kind={kind}
        period={period}
        groups={groups}
        agents={visibleAgents}
        groupId={groupId}
        agentId={agentId}
        csvUrl={selection ? reportUrls.csv(selection, locale) : null}
        onChange={update}
        t={t}
        f={f}
      />
      {kind === "custom" && timeZone && period === null && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="alert">
          {t("reports.invalid.customRange")}
        </p>
      )}
      {error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert">
          {t("reports.error", { message: refusalLine(error instanceof ApiError ? error.error : null, t) })}
        </p>
      )}
      {!data ? (
        selection && !error && <Skeleton label={t("reports.loading")} />
      ) : (
        <Report
          summary={data}
          t={t}
          f={f}
          refreshing={isFetching}
          chosenCompare={compare !== null}
          onCompare={(changes) => update(changes)}
        />
      )}
    </div>
  );
}

function Toolbar(props: {
  kind: PeriodKind;
  period: ReturnType<typeof periodOf>;
  groups: ReportGroup[];
  agents: ReportAgentOption[];
  groupId?: number;
  agentId?: number;
  csvUrl: string | null;
  onChange: (changes: Record<string, string | undefined>) => void;
  t: Translate;
  f: Formatters;
}) {
  const { kind, period, t, onChange } = props;
  const select = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm";
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 md:flex-row md:flex-wrap md:items-end">
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium text-slate-500">{t("reports.period")}</legend>
        <div className="inline-flex w-full rounded-md border border-slate-300 bg-white p-0.5 md:w-auto" role="group">
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={kind === p}
              data-testid={`period-${p}`}
              className={`flex-1 rounded px-3 py-1.5 text-sm whitespace-nowrap md:flex-none ${kind === p ? "bg-brand-600 font-medium text-white" : "text-slate-700 hover:bg-slate-100"}`}
              onClick={() => {
                if (p === "custom") {
                  onChange({ period: p, start: period ? minuteOf(period.from) : undefined, end: period ? minuteOf(period.to) : undefined, cmpStart: undefined });
                } else onChange({ period: p, start: undefined, end: undefined, cmpStart: undefined });
              }}
            >
              {t(`reports.period.${p}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {kind === "custom" && (
        // Keyed on the period: the inputs start from it again when it changes (a marker's
        // comparison, or the period known once the browser's time zone is).
        <CustomRange key={period ? `${minuteOf(period.from)}/${minuteOf(period.to)}` : "none"} period={period} t={t} onChange={onChange} select={select} />
      )}
      <div className="grid grid-cols-2 gap-2 md:flex">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
          {t("reports.filter.group")}
          <select
            className={select}
            value={props.groupId ?? ""}
            data-testid="filter-group"
            onChange={(e) => onChange({ groupId: e.target.value || undefined, agentId: undefined })}
          >
            <option value="">{t("reports.filter.allGroups")}</option>
            <NamedOptions items={props.groups} />
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
          {t("reports.filter.agent")}
          <select className={select} value={props.agentId ?? ""} data-testid="filter-agent" onChange={(e) => onChange({ agentId: e.target.value || undefined })}>
            <option value="">{t("reports.filter.allAgents")}</option>
            <NamedOptions items={props.agents} />
          </select>
        </label>
      </div>
      <div className="flex items-center gap-3 md:ml-auto">
        {period && (
          <span className="text-xs text-slate-500" data-testid="period-label">
            {props.f.range(period.from, period.to)}
          </span>
        )}
        {props.csvUrl && (
          <a
            href={props.csvUrl}
            download
            data-testid="download-csv"
            className="inline-flex h-9 items-center rounded-md bg-brand-600 px-3 text-sm font-medium whitespace-nowrap text-white hover:bg-brand-700"
          >
            {t("reports.download")}
          </a>
        )}
      </div>
    </div>
  );
}

/** Which way is better for customers: fewer minutes waited, fewer requeues; volume is neither. */
type Better = "lower" | "higher" | null;

function CustomRange(props: { period: ReturnType<typeof periodOf>; t: Translate; onChange: (changes: Record<string, string | undefined>) => void; select: string }) {
  const { period, t, onChange, select } = props;
  const [start, setStart] = useState(period ? minuteOf(period.from) : "");
  const [end, setEnd] = useState(period ? minuteOf(period.to) : "");
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ period: "custom", start, end, cmpStart: undefined });
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        {t("reports.period.from")}
        <input type="datetime-local" className={select} value={start} onChange={(e) => setStart(e.target.value)} data-testid="period-start" required />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        {t("reports.period.toMinute")}
        <input type="datetime-local" className={select} value={end} onChange={(e) => setEnd(e.target.value)} data-testid="period-end" required />
      </label>
      <button type="submit" className="h-9 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
        {t("reports.period.apply")}
      </button>
    </form>
  );
}

function Stat(props: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
  dataValue?: number | null;
  previous?: { value: number | null; text: string; better: Better };
  t?: Translate;
}) {
  const { label, value, detail, testId, dataValue, previous, t } = props;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId} data-value={dataValue ?? ""}>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">{value}</p>
      {detail && <p className="mt-0.5 text-xs text-slate-500 tabular-nums">{detail}</p>}
      {previous && t && <Change current={dataValue ?? null} previous={previous} t={t} testId={`${testId}-change`} />}
    </div>
  );
}

/** "was 4 min · −25%", green when better for customers, red when worse, grey otherwise. */
function Change({ current, previous, t, testId }: { current: number | null; previous: { value: number | null; text: string; better: Better }; t: Translate; testId: string }) {
  const diff = current === null || previous.value === null ? null : current - previous.value;
  const direction = diff === null || diff === 0 || previous.better === null ? "neutral" : (previous.better === "lower" ? diff < 0 : diff > 0) ? "better" : "worse";
  const percent =
    diff === null ? "" : diff === 0 ? t("reports.compare.same") : previous.value === 0 ? `${diff > 0 ? "+" : "−"}${Math.abs(diff).toLocaleString()}` : `${diff > 0 ? "+" : "−"}${Math.abs(Math.round((diff / previous.value!) * 100))}%`;
  const colour = direction === "better" ? "text-emerald-700" : direction === "worse" ? "text-red-700" : "text-slate-500";
  return (
    <p className={`mt-0.5 text-xs tabular-nums ${colour}`} data-testid={testId} data-direction={direction} data-previous={previous.value ?? ""}>
      {t("reports.compare.was", { value: previous.text })}
      {percent && (
        <>
          {" · "}
          <span className="font-semibold" title={direction === "neutral" ? undefined : t(direction === "better" ? "reports.compare.better" : "reports.compare.worse")}>
            {direction === "better" ? "▼ " : direction === "worse" ? "▲ " : ""}
            {percent}
          </span>
        </>
      )}
    </p>
  );
}

function Skeleton({ label }: { label: string }) {
  const block = "animate-pulse rounded-lg bg-slate-200/70";
  return (
    <div className="flex flex-col gap-4" data-testid="report-skeleton" aria-busy="true" aria-label={label}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className={`${block} h-20`} />
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className={`${block} h-24`} />
        ))}
      </div>
      <div className={`${block} h-64`} />
      <p className="text-sm text-slate-500">{label}</p>
    </div>
  );
}

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
                <span className="text-slate-700">{t("reports.markers.who", { who: change.by?.name ?? t("reports.markers.system"), group: change.groupName })}</span>
                <span className="text-slate-900">
                  {describeChanges(t, change.changes)
                    .map((line) => `${line.label}: ${line.from} → ${line.to}`)
                    .join("; ")}
                </span>
                {around ? (
                  <button
                    type="button"
                    data-testid="compare-around"
                    className="rounded-md border border-amber-300 bg-white px-2 py-1 text-xs font-medium text-amber-800 hover:bg-amber-100 md:ml-auto"
                    onClick={() =>
                      props.onCompare({ period: "custom", start: minuteOf(around.after.from), end: minuteOf(around.after.to), cmpStart: minuteOf(around.before.from) })
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
  return (
    <section aria-label={t("reports.requeues.title")}>
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("reports.requeues.title")}</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
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
      </div>
    </section>
  );
}

function Report(props: {
  summary: ReportSummary;
  t: Translate;
  f: Formatters;
  refreshing: boolean;
  chosenCompare: boolean;
  onCompare: (changes: Record<string, string | undefined>) => void;
}) {
  const { summary, t, f, refreshing } = props;
  const { live, previous } = summary;
  const markers: Marker[] = summary.settingsChanges.map((c, i) => ({ at: c.at, n: i + 1 }));
  const seconds = (value: number | null) => ({ value, text: f.seconds(value), better: "lower" as Better });
  const count = (value: number) => ({ value, text: f.integer(value), better: null });
  return (
    <div className={`flex flex-col gap-4 transition-opacity ${refreshing ? "opacity-70" : ""}`} data-testid="report" data-from={summary.from} data-to={summary.to} data-received={summary.received}>
      <section aria-label={t("reports.live.title")}>
        <h2 className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <span className="h-2 w-2 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
          {t("reports.live.title")}
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat testId="live-open" label={t("reports.live.open")} value={f.integer(live.open)} dataValue={live.open} />
          <Stat testId="live-queued" label={t("reports.live.queued")} value={f.integer(live.queued)} dataValue={live.queued} />
          <Stat testId="live-oldest" label={t("reports.live.oldestWait")} value={f.seconds(live.oldestWaitSeconds)} />
          <Stat testId="live-online" label={t("reports.live.agentsOnline")} value={f.integer(live.agentsOnline)} dataValue={live.agentsOnline} />
        </div>
      </section>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="compare-label" data-from={previous.from} data-to={previous.to}>
        <span>
          {t("reports.compare.title", {
            range: props.chosenCompare ? f.range(new Date(previous.from), new Date(previous.to)) : `${t("reports.compare.default")} (${f.range(new Date(previous.from), new Date(previous.to))})`,
          })}
        </span>
        {props.chosenCompare && (
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100" data-testid="compare-reset" onClick={() => props.onCompare({ cmpStart: undefined })}>
            {t("reports.compare.reset")}
          </button>
        )}
      </div>
      <section className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat testId="kpi-received" label={t("reports.kpi.received")} value={f.integer(summary.received)} dataValue={summary.received} previous={count(previous.received)} t={t} />
        <Stat testId="kpi-closed" label={t("reports.kpi.closed")} value={f.integer(summary.closed)} dataValue={summary.closed} previous={count(previous.closed)} t={t} />
        <Stat
          testId="kpi-queue-wait"
          label={t("reports.kpi.queueWait")}
          value={f.seconds(summary.queueWaitSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(summary.queueWaitSeconds.p90) })}
          dataValue={summary.queueWaitSeconds.median}
          previous={seconds(previous.queueWaitSeconds.median)}
          t={t}
        />
        <Stat
          testId="kpi-first-response"
          label={t("reports.kpi.firstResponse")}
          value={f.seconds(summary.firstResponseSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(summary.firstResponseSeconds.p90) })}
          dataValue={summary.firstResponseSeconds.median}
          previous={seconds(previous.firstResponseSeconds.median)}
          t={t}
        />
        <Stat
          testId="kpi-resolution"
          label={t("reports.kpi.resolution")}
          value={f.seconds(summary.resolutionSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(summary.resolutionSeconds.p90) })}
          dataValue={summary.resolutionSeconds.median}
          previous={seconds(previous.resolutionSeconds.median)}
          t={t}
        />
      </section>
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
        <ChartCard
          title={t("reports.chart.queueWait")}
          subtitle={t("reports.kpi.count", { n: f.integer(summary.queueWaitSeconds.count) })}
          testId="chart-queue-wait"
        >
          <BucketsChart buckets={summary.queueWaitSeconds.buckets} t={t} f={f} color={COLORS[2]!} />
        </ChartCard>
        <ChartCard
          title={t("reports.chart.firstResponse")}
          subtitle={t("reports.kpi.count", { n: f.integer(summary.firstResponseSeconds.count) })}
          testId="chart-first-response"
        >
          <BucketsChart buckets={summary.firstResponseSeconds.buckets} t={t} f={f} color={COLORS[0]!} />
        </ChartCard>
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
    </div>
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
