"use client";

// The Reports page (SPEC §7): period (in the browser's time zone), group and agent in the
// URL; live counts, key figures, charts and the per-agent table from one summary request;
// the CSV of the same selection.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useState, useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ReportSummary } from "@/lib/reports/summary";
import { AssignedChart, BucketsChart, ChartCard, COLORS, FairnessChart, HeatmapChart, LoadChart, TimeInStatusChart, VolumeChart } from "./charts";
import { formatters, type Formatters } from "./format";
import { isPeriodKind, PERIODS, periodOf, type PeriodKind } from "./period";
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
  const selection: ReportSelection | null = period && timeZone ? { period, groupId, agentId, timeZone } : null;

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
        selection && !error && <p className="text-sm text-slate-500">{t("reports.loading")}</p>
      ) : (
        <Report summary={data} t={t} f={f} refreshing={isFetching} />
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
  const [start, setStart] = useState(period?.startDay ?? "");
  const [end, setEnd] = useState(period?.endDay ?? "");
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
                  setStart(period?.startDay ?? "");
                  setEnd(period?.endDay ?? "");
                  onChange({ period: p, start: period?.startDay, end: period?.endDay });
                } else onChange({ period: p, start: undefined, end: undefined });
              }}
            >
              {t(`reports.period.${p}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {kind === "custom" && (
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            onChange({ period: "custom", start, end });
          }}
        >
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
            {t("reports.period.from")}
            <input type="date" className={select} value={start} onChange={(e) => setStart(e.target.value)} data-testid="period-start" required />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
            {t("reports.period.to")}
            <input type="date" className={select} value={end} onChange={(e) => setEnd(e.target.value)} data-testid="period-end" required />
          </label>
          <Button kind="secondary" type="submit">
            {t("reports.period.apply")}
          </Button>
        </form>
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
            {period.startDay === period.endDay ? props.f.longDay(period.from) : `${props.f.longDay(period.from)} – ${props.f.longDay(new Date(period.to.getTime() - 1))}`}
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

function Stat({ label, value, detail, testId, dataValue }: { label: string; value: string; detail?: string; testId: string; dataValue?: number | null }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId} data-value={dataValue ?? ""}>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">{value}</p>
      {detail && <p className="mt-0.5 text-xs text-slate-500 tabular-nums">{detail}</p>}
    </div>
  );
}

function Report({ summary, t, f, refreshing }: { summary: ReportSummary; t: Translate; f: Formatters; refreshing: boolean }) {
  const { live } = summary;
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
      <section className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat testId="kpi-received" label={t("reports.kpi.received")} value={f.integer(summary.received)} dataValue={summary.received} />
        <Stat testId="kpi-closed" label={t("reports.kpi.closed")} value={f.integer(summary.closed)} dataValue={summary.closed} />
        <Stat
          testId="kpi-queue-wait"
          label={t("reports.kpi.queueWait")}
          value={f.seconds(summary.queueWaitSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(summary.queueWaitSeconds.p90) })}
          dataValue={summary.queueWaitSeconds.median}
        />
        <Stat
          testId="kpi-first-response"
          label={t("reports.kpi.firstResponse")}
          value={f.seconds(summary.firstResponseSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(summary.firstResponseSeconds.p90) })}
          dataValue={summary.firstResponseSeconds.median}
        />
        <Stat
          testId="kpi-resolution"
          label={t("reports.kpi.resolution")}
          value={f.seconds(summary.resolutionSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(summary.resolutionSeconds.p90) })}
          dataValue={summary.resolutionSeconds.median}
        />
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard wide title={t("reports.chart.volume")} testId="chart-volume">
          <VolumeChart summary={summary} t={t} f={f} />
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
          <LoadChart summary={summary} t={t} f={f} />
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
        </div>
      )}
    </section>
  );
}
