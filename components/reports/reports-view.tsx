"use client";

// The Reports page (docs/behaviour.md#reports): period (in the browser's time zone, any
// minute), group, agent and compared period in the URL; live counts, key figures beside
// the compared period's, settings changes marked on the time charts (each can be compared
// before / after), charts and the per-agent table from one summary request; the CSV of
// the same selection. The live counts and headline figures come from their own, lighter
// request and are painted first; the rest waits behind skeletons for the summary.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ReportSummary } from "@/lib/reports/summary";
import type { ReportHeadline } from "@/lib/reports/headline";
import { formatters, type Formatters } from "./format";
import { comparedOf, isPeriodKind, periodOf, type PeriodKind } from "./period";
import { ApiError, fetchJson, retryServerErrors } from "@/components/ui/fetch-json";
import { refusalLine } from "@/components/ui/action-error";
import { reportKeys, reportUrls, type ReportSelection } from "./report-queries";
import type { Translate } from "@/lib/i18n/translate";
import { ReportDetails } from "./report-details";
import { DetailsSkeleton, Skeleton, Stat, type Better } from "./report-figures";
import { Toolbar, type ReportAgentOption, type ReportGroup } from "./reports-toolbar";

export type { ReportAgentOption, ReportGroup };

const subscribeNothing = () => () => {};
/** The browser's time zone; null while rendering on the server (the period is the browser's). */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(subscribeNothing, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
}

/** Choosing any of these ends a comparison around a marker (the page no longer reads after vs. before it). */
const AROUND_ENDS = ["period", "start", "end", "cmpStart", "groupId", "agentId"];

const instantOfIso = (value: string | null) => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

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
  // The settings change a marker's "Compare before / after" compared around: the page then
  // reads after vs. before it, until the period or the compared period is chosen otherwise.
  const around = compare ? instantOfIso(search.get("around")) : null;
  const selection: ReportSelection | null = period && timeZone ? { period, groupId, agentId, timeZone, compare } : null;

  const queryOptions = { retry: retryServerErrors, enabled: selection !== null, placeholderData: keepPreviousData, refetchInterval: 60_000 } as const;
  const headline = useQuery({
    queryKey: selection ? reportKeys.headline(selection) : ["reports", "headline", "pending"],
    queryFn: () => fetchJson<ReportHeadline>(reportUrls.headline(selection!)),
    ...queryOptions,
  });
  const summary = useQuery({
    queryKey: selection ? reportKeys.summary(selection) : ["reports", "summary", "pending"],
    queryFn: () => fetchJson<ReportSummary>(reportUrls.summary(selection!)),
    ...queryOptions,
  });
  // The first figures: the summary's once it is for this selection, the headline's before.
  const first: HeadlineFigures | undefined =
    summary.data && !summary.isPlaceholderData ? summary.data : headline.data && !headline.isPlaceholderData ? headline.data : (summary.data ?? headline.data);
  const error = summary.error ?? headline.error;
  const isFetching = summary.isFetching || headline.isFetching;
  // Dimmed while what is shown is still the previous selection's, not while the details load.
  const stale = isFetching && !((summary.data && !summary.isPlaceholderData) || (headline.data && !headline.isPlaceholderData));

  function update(changes: Record<string, string | undefined>) {
    const params = new URLSearchParams(search.toString());
    if (!("around" in changes) && AROUND_ENDS.some((key) => key in changes)) params.delete("around");
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
        compare={compare}
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
      {!first ? (
        selection && !error && <Skeleton label={t("reports.loading")} />
      ) : (
        <Report
          first={first}
          summary={summary.data}
          t={t}
          f={f}
          refreshing={stale}
          chosenCompare={compare !== null}
          around={around}
          onCompare={(changes) => update(changes)}
        />
      )}
    </div>
  );
}

/** What the first paint shows: the live counts and the headline figures, now and compared. */
type PeriodFigures = Pick<ReportHeadline, "from" | "to" | "received" | "closed" | "queueWaitSeconds" | "firstResponseSeconds" | "resolutionSeconds">;
type HeadlineFigures = PeriodFigures & Pick<ReportHeadline, "live"> & { previous: PeriodFigures };

function Report(props: {
  first: HeadlineFigures;
  summary: ReportSummary | undefined;
  t: Translate;
  f: Formatters;
  refreshing: boolean;
  chosenCompare: boolean;
  around: Date | null;
  onCompare: (changes: Record<string, string | undefined>) => void;
}) {
  const { first, summary, t, f, refreshing } = props;
  const { live, previous } = first;
  const seconds = (value: number | null) => ({ value, text: f.seconds(value), better: "lower" as Better });
  const count = (value: number) => ({ value, text: f.integer(value), better: null });
  return (
    <div
      className={`flex flex-col gap-4 transition-opacity ${refreshing ? "opacity-70" : ""}`}
      data-testid="report"
      data-from={first.from}
      data-to={first.to}
      data-received={first.received}
      data-details={summary ? "ready" : "loading"}
    >
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
      <div
        className="flex flex-wrap items-center gap-2 text-xs text-slate-600"
        data-testid="compare-label"
        data-from={previous.from}
        data-to={previous.to}
        data-around={props.around?.toISOString() ?? ""}
      >
        {props.around && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900" data-testid="compare-around-label">
            {t("reports.compare.aroundMarker", { time: f.tooltipTime(props.around.toISOString(), "hour") })}
          </span>
        )}
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
        <Stat testId="kpi-received" label={t("reports.kpi.received")} value={f.integer(first.received)} dataValue={first.received} previous={count(previous.received)} t={t} />
        <Stat testId="kpi-closed" label={t("reports.kpi.closed")} value={f.integer(first.closed)} dataValue={first.closed} previous={count(previous.closed)} t={t} />
        <Stat
          testId="kpi-queue-wait"
          label={t("reports.kpi.queueWait")}
          value={f.seconds(first.queueWaitSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(first.queueWaitSeconds.p90) })}
          dataValue={first.queueWaitSeconds.median}
          previous={seconds(previous.queueWaitSeconds.median)}
          t={t}
        />
        <Stat
          testId="kpi-first-response"
          label={t("reports.kpi.firstResponse")}
          value={f.seconds(first.firstResponseSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(first.firstResponseSeconds.p90) })}
          dataValue={first.firstResponseSeconds.median}
          previous={seconds(previous.firstResponseSeconds.median)}
          t={t}
        />
        <Stat
          testId="kpi-resolution"
          label={t("reports.kpi.resolution")}
          value={f.seconds(first.resolutionSeconds.median)}
          detail={t("reports.kpi.p90", { value: f.seconds(first.resolutionSeconds.p90) })}
          dataValue={first.resolutionSeconds.median}
          previous={seconds(previous.resolutionSeconds.median)}
          t={t}
        />
      </section>
      {summary ? <ReportDetails summary={summary} t={t} f={f} onCompare={props.onCompare} /> : <DetailsSkeleton label={t("reports.loading")} />}
    </div>
  );
}
