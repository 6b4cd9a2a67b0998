"use client";

// The report's charts, drawn with recharts from the summary JSON (docs/behaviour.md#reports).
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import type { Translate } from "@/lib/i18n/translate";
import type { ReportSummary } from "@/lib/reports/summary";
import { FIRST_RESPONSE_BUCKETS } from "@/lib/reports/durations";
import type { Formatters } from "./format";
import { Change } from "./report-figures";

const COLORS = ["#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626", "#475569", "#ca8a04"];
const AXIS = { fontSize: 11, fill: "#64748b" };

type ChartProps = { summary: ReportSummary; t: Translate; f: Formatters };

/** A settings change on a time chart: its number in the list under the figures, and when, who and what. */
export type Marker = { at: string; n: number; text: string };
type TimeChartProps = ChartProps & { markers: Marker[] };

/** The bucket (by its start) each marker falls in, for a chart whose points are those buckets. */
function markerLines(starts: { at: string; label: string }[], markers: Marker[]) {
  return markers.flatMap((m) => {
    const bucket = starts.findLast((p) => Date.parse(p.at) <= Date.parse(m.at));
    return bucket ? [{ ...m, label: bucket.label }] : [];
  });
}

function MarkerLines({ lines }: { lines: (Marker & { label: string })[] }) {
  return lines.map((m) => (
    <ReferenceLine
      key={m.n}
      x={m.label}
      stroke="#d97706"
      strokeDasharray="4 3"
      ifOverflow="extendDomain"
      label={{ value: `▲${m.n}`, position: "insideTopLeft", content: (props: { x?: number | string; y?: number | string }) => <MarkerLabel {...props} marker={m} /> }}
    />
  ));
}

/** "▲1" at the top of the line; hovering it says when, who and what (an SVG title, also read by screen readers). */
function MarkerLabel({ x, y, marker }: { x?: number | string; y?: number | string; marker: Marker }) {
  return (
    <g className="report-marker" data-testid="chart-marker" role="img" aria-label={marker.text} style={{ cursor: "help" }}>
      <title>{marker.text}</title>
      <text x={x} y={y} dy="0.71em" fill="#b45309" fontSize={11} fontWeight={600}>
        ▲{marker.n}
      </text>
    </g>
  );
}

export function ChartCard({ title, subtitle, testId, children, wide }: { title: string; subtitle?: string; testId: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 ${wide ? "lg:col-span-2" : ""}`} data-testid={testId}>
      <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
      {subtitle && <p className="mt-0.5 text-xs text-slate-500">{subtitle}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

const multiDay = (summary: ReportSummary) => new Date(summary.to).getTime() - new Date(summary.from).getTime() > 86_400_000;

export function VolumeChart({ summary, t, f, markers }: TimeChartProps) {
  // Buckets that have not begun are drawn as nothing, not as zero.
  const now = Date.parse(summary.generatedAt);
  const data = summary.volumeOverTime.map((p) => ({
    at: p.at,
    received: Date.parse(p.at) > now ? null : p.received,
    closed: Date.parse(p.at) > now ? null : p.closed,
    label: f.tick(p.at, summary.bucket, multiDay(summary)),
  }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={data} margin={{ top: 5, right: 10, bottom: 0, left: -10 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
        <YAxis tick={AXIS} allowDecimals={false} tickFormatter={f.integer} />
        <Tooltip labelFormatter={(_, items) => (items?.[0] ? f.tooltipTime(String(items[0].payload.at), summary.bucket) : "")} formatter={(v) => f.integer(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="monotone" dataKey="received" name={t("reports.chart.volume.received")} stroke={COLORS[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
        <Line type="monotone" dataKey="closed" name={t("reports.chart.volume.closed")} stroke={COLORS[1]} dot={false} strokeWidth={2} isAnimationActive={false} />
        {MarkerLines({ lines: markerLines(data, markers) })}
      </LineChart>
    </ResponsiveContainer>
  );
}

export function AssignedChart({ summary, t, f }: ChartProps) {
  const data = (["auto", "self", "manager", "transfer"] as const).map((kind) => ({ kind: t(`reports.kind.${kind}`), count: summary.assigned[kind] }));
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={data} layout="vertical" margin={{ top: 5, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tick={AXIS} allowDecimals={false} tickFormatter={f.integer} />
        <YAxis type="category" dataKey="kind" tick={AXIS} width={100} interval={0} />
        <Tooltip formatter={(v) => f.integer(Number(v))} />
        <Bar dataKey="count" name={t("reports.chart.conversations")} isAnimationActive={false}>
          {data.map((_, i) => (
            <Cell key={i} fill={COLORS[i]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function BucketsChart({ buckets, t, f, color }: { buckets: ReportSummary["firstResponseSeconds"]["buckets"]; t: Translate; f: Formatters; color: string }) {
  const data = FIRST_RESPONSE_BUCKETS.map((key) => ({ bucket: t(`reports.bucket.${key}`), count: buckets[key] }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} layout="vertical" margin={{ top: 5, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tick={AXIS} allowDecimals={false} tickFormatter={f.integer} />
        <YAxis type="category" dataKey="bucket" tick={AXIS} width={70} interval={0} />
        <Tooltip formatter={(v) => f.integer(Number(v))} />
        <Bar dataKey="count" name={t("reports.chart.conversations")} fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export { COLORS };

/** Open conversations of all agents at each sample, up to now, with the settings changes. */
export function LoadTotalChart({ summary, t, f, markers }: TimeChartProps) {
  const now = Date.parse(summary.generatedAt);
  const starts = summary.volumeOverTime.filter((v) => Date.parse(v.at) <= now).map((v) => v.at);
  // Each sample belongs to the bucket it falls in (daily samples are taken at noon).
  const totals = new Map<string, number>(starts.map((at) => [at, 0]));
  for (const p of summary.loadOverTime) {
    const key = starts.findLast((start) => Date.parse(start) <= Date.parse(p.at));
    if (key !== undefined) totals.set(key, (totals.get(key) ?? 0) + p.open);
  }
  const data = starts.map((at) => ({ at, label: f.tick(at, summary.bucket, multiDay(summary)), open: totals.get(at) ?? 0 }));
  return (
    <ResponsiveContainer width="100%" height={180}>
      <LineChart data={data} margin={{ top: 5, right: 10, bottom: 0, left: -10 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
        <YAxis tick={AXIS} allowDecimals={false} tickFormatter={f.integer} />
        <Tooltip labelFormatter={(_, items) => (items?.[0] ? f.tooltipTime(String(items[0].payload.at), summary.bucket) : "")} formatter={(v) => f.integer(Number(v))} />
        <Line type="stepAfter" dataKey="open" name={t("reports.chart.load.total")} stroke={COLORS[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
        {MarkerLines({ lines: markerLines(data, markers) })}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * Open conversations per agent as a ranked bar — average and peak over the samples,
 * busiest first — readable with 15 agents (15 overlapping lines were not).
 */
export function LoadRankChart({ summary, t, f }: ChartProps) {
  const names = new Map(summary.agents.map((a) => [a.agentId, a.name]));
  const samples = new Set(summary.loadOverTime.map((p) => p.at)).size;
  const perAgent = new Map<number, { sum: number; peak: number }>();
  for (const p of summary.loadOverTime) {
    const row = perAgent.get(p.agentId) ?? { sum: 0, peak: 0 };
    row.sum += p.open;
    row.peak = Math.max(row.peak, p.open);
    perAgent.set(p.agentId, row);
  }
  const data = [...perAgent.entries()]
    .map(([id, row]) => ({ id, name: names.get(id) ?? `#${id}`, average: samples === 0 ? 0 : row.sum / samples, peak: row.peak }))
    .sort((a, b) => b.average - a.average || b.peak - a.peak || a.name.localeCompare(b.name));
  if (data.length === 0) return <p className="text-sm text-slate-500">{t("reports.table.empty")}</p>;
  return (
    <div data-testid="load-ranked" data-agents={data.length}>
      <ResponsiveContainer width="100%" height={Math.max(120, 26 * data.length + 50)}>
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 16, bottom: 0, left: 0 }} barGap={1}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={AXIS} allowDecimals={false} tickFormatter={f.integer} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={110} interval={0} />
          <Tooltip formatter={(v) => f.decimal(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="average" name={t("reports.chart.load.average")} fill={COLORS[0]} isAnimationActive={false} barSize={9} />
          <Bar dataKey="peak" name={t("reports.chart.load.peak")} fill="#93c5fd" isAnimationActive={false} barSize={9} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Weekday × hour, one square per cell, darker with more arrivals. */
export function HeatmapChart({ summary, t, f }: ChartProps) {
  const max = Math.max(1, ...summary.heatmap.map((c) => c.received));
  const weekday = (d: number) => t(`reports.weekday.${d}` as Parameters<Translate>[0]);
  return (
    <div>
      <ResponsiveContainer width="100%" height={230}>
        <ScatterChart margin={{ top: 5, right: 10, bottom: 0, left: -10 }}>
          <XAxis type="number" dataKey="hour" domain={[-0.5, 23.5]} ticks={[0, 3, 6, 9, 12, 15, 18, 21]} tick={AXIS} tickFormatter={(h: number) => `${h}h`} />
          <YAxis type="number" dataKey="weekday" domain={[-0.5, 6.5]} ticks={[0, 1, 2, 3, 4, 5, 6]} reversed tick={AXIS} tickFormatter={weekday} width={50} />
          <ZAxis type="number" dataKey="received" range={[1, 1]} />
          <Tooltip
            cursor={false}
            content={({ payload }) => {
              const cell = payload?.[0]?.payload as { weekday: number; hour: number; received: number } | undefined;
              return cell ? (
                <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                  {t("reports.chart.heatmap.cell", { day: weekday(cell.weekday), hour: cell.hour, n: f.integer(cell.received) })}
                </div>
              ) : null;
            }}
          />
          <Scatter
            data={summary.heatmap}
            isAnimationActive={false}
            shape={(props: { cx?: number; cy?: number; payload?: { received: number }; xAxis?: { width?: number }; yAxis?: { height?: number } }) => {
              const w = (props.xAxis?.width ?? 480) / 24;
              const h = (props.yAxis?.height ?? 200) / 7;
              const share = (props.payload?.received ?? 0) / max;
              return (
                <rect
                  x={(props.cx ?? 0) - w / 2 + 1}
                  y={(props.cy ?? 0) - h / 2 + 1}
                  width={Math.max(1, w - 2)}
                  height={Math.max(1, h - 2)}
                  rx={2}
                  fill={share === 0 ? "#f1f5f9" : `rgba(37, 99, 235, ${0.12 + 0.88 * share})`}
                />
              );
            }}
          />
        </ScatterChart>
      </ResponsiveContainer>
      {/* The legend: the colour of no arrivals, then from one arrival to the busiest hour's count. */}
      <div className="mt-2 flex items-center justify-end gap-2 text-xs text-slate-500" data-testid="heatmap-legend">
        <span>{t("reports.chart.heatmap.fewer")}</span>
        <span className="h-3 w-3 rounded-sm bg-slate-100" aria-hidden="true" />
        <span className="h-3 w-28 rounded-sm" style={{ background: "linear-gradient(to right, rgba(37, 99, 235, 0.12), rgba(37, 99, 235, 1))" }} aria-hidden="true" />
        <span>{t("reports.chart.heatmap.more", { n: f.integer(max) })}</span>
      </div>
    </div>
  );
}

export function TimeInStatusChart({ summary, t, f }: ChartProps) {
  const data = summary.timeInStatus.map((s) => ({
    name: s.name,
    online: s.onlineSeconds / 3600,
    paused: s.pausedSeconds / 3600,
    offline: s.offlineSeconds / 3600,
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 36 * data.length + 60)}>
      <BarChart data={data} layout="vertical" margin={{ top: 5, right: 10, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tick={AXIS} tickFormatter={(h: number) => f.integer(h)} />
        <YAxis type="category" dataKey="name" tick={AXIS} width={90} />
        <Tooltip formatter={(v) => `${f.decimal(Number(v))} h`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="online" stackId="s" name={t("status.online")} fill="#10b981" isAnimationActive={false} />
        <Bar dataKey="paused" stackId="s" name={t("status.paused")} fill="#f59e0b" isAnimationActive={false} />
        <Bar dataKey="offline" stackId="s" name={t("status.offline")} fill="#94a3b8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

type FairnessEntry = ReportSummary["fairness"][number];

/**
 * The compared period's fairness of the same group beside a stretch's: the stretch with
 * the same strategy when the compared period has several, else the last one (what was in
 * force at its end), labelled with its strategy when that differs. Grey, not green or red:
 * evenness is the team's, not better or worse for customers.
 */
function FairnessChange({ g, previous, t, f }: { g: FairnessEntry; previous: FairnessEntry[]; t: Translate; f: Formatters }) {
  const ofGroup = previous.filter((p) => p.groupId === g.groupId);
  const then = ofGroup.find((p) => p.strategy === g.strategy) ?? ofGroup.at(-1);
  if (!then) return null;
  const value = then.index === null ? t("reports.none") : f.decimal(then.index);
  const text = then.strategy === g.strategy ? value : `${value} (${t(`groups.strategy.${then.strategy}`)})`;
  return <Change current={g.index} previous={{ value: then.index, text, better: null }} t={t} testId="fairness-change" />;
}

export function FairnessChart({ summary, t, f }: ChartProps) {
  if (summary.fairness.length === 0) return <p className="text-sm text-slate-500">{t("reports.fairness.none")}</p>;
  const stretch = (g: ReportSummary["fairness"][number]) =>
    t("reports.fairness.stretch", { strategy: t(`groups.strategy.${g.strategy}`), from: f.tooltipTime(g.from, "hour"), to: f.tooltipTime(g.to, "hour") });
  const data = summary.fairness.map((g) => ({ name: g.spansChange ? `${g.groupName} (${t(`groups.strategy.${g.strategy}`)})` : g.groupName, index: g.index ?? 0, g }));
  return (
    <div className="flex flex-col gap-3">
      <ResponsiveContainer width="100%" height={Math.max(90, 40 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 30, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS} tickFormatter={(v: number) => f.decimal(v)} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={130} />
          <Tooltip formatter={(v) => f.decimal(Number(v))} />
          <Bar dataKey="index" name="Jain" fill="#7c3aed" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ul className="grid gap-1 text-xs text-slate-600 sm:grid-cols-2">
        {summary.fairness.map((g) => (
          <li key={`${g.groupId}-${g.from}`} data-testid="fairness-group" data-group={g.groupName} data-strategy={g.strategy} data-index={g.index ?? ""}>
            <span className="font-medium text-slate-800">{g.groupName}</span>{" "}
            <span className="text-slate-500">({g.spansChange ? stretch(g) : t(`groups.strategy.${g.strategy}`)})</span>{" "}
            <span className="tabular-nums font-semibold text-violet-700">{g.index === null ? t("reports.none") : f.decimal(g.index)}</span>
            {" · "}
            {g.index === null ? t("reports.fairness.noValue") : t("reports.fairness.detail", { n: f.integer(g.agents), assigned: f.integer(g.autoAssigned) })}
            <FairnessChange g={g} previous={summary.previous.fairness} t={t} f={f} />
          </li>
        ))}
      </ul>
      {summary.fairness.some((g) => g.spansChange) && (
        <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-800" data-testid="fairness-spans-change">
          {t("reports.fairness.spansChange")}
        </p>
      )}
    </div>
  );
}
