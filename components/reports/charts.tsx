"use client";

// The report's charts, drawn with recharts from the summary JSON (SPEC §7).
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
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

const COLORS = ["#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626", "#475569", "#ca8a04"];
const AXIS = { fontSize: 11, fill: "#64748b" };

type ChartProps = { summary: ReportSummary; t: Translate; f: Formatters };

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

export function VolumeChart({ summary, t, f }: ChartProps) {
  const data = summary.volumeOverTime.map((p) => ({ ...p, label: f.tick(p.at, summary.bucket, multiDay(summary)) }));
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

/** Open conversations per agent at each sample; the ten busiest agents get a line each. */
export function LoadChart({ summary, f }: ChartProps) {
  const names = new Map(summary.agents.map((a) => [a.agentId, a.name]));
  const peak = new Map<number, number>();
  for (const p of summary.loadOverTime) peak.set(p.agentId, Math.max(peak.get(p.agentId) ?? 0, p.open));
  const shown = [...peak.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id]) => id);
  const now = Date.parse(summary.generatedAt);
  const points = new Map<string, Record<string, number | string>>();
  for (const v of summary.volumeOverTime) {
    const at = v.at;
    if (Date.parse(at) > now) continue;
    points.set(at, { at, label: f.tick(at, summary.bucket, multiDay(summary)), ...Object.fromEntries(shown.map((id) => [`a${id}`, 0])) });
  }
  // Each sample belongs to the bucket it falls in (daily samples are taken at noon).
  const starts = [...points.keys()];
  const bucketOfSample = (at: string) => starts.findLast((start) => Date.parse(start) <= Date.parse(at));
  for (const p of summary.loadOverTime) {
    const key = bucketOfSample(p.at);
    const row = key === undefined ? undefined : points.get(key);
    if (row && shown.includes(p.agentId)) row[`a${p.agentId}`] = p.open;
  }
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={[...points.values()]} margin={{ top: 5, right: 10, bottom: 0, left: -10 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
        <YAxis tick={AXIS} allowDecimals={false} tickFormatter={f.integer} />
        <Tooltip labelFormatter={(_, items) => (items?.[0] ? f.tooltipTime(String(items[0].payload.at), summary.bucket) : "")} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {shown.map((id, i) => (
          <Line key={id} type="stepAfter" dataKey={`a${id}`} name={names.get(id) ?? `#${id}`} stroke={COLORS[i % COLORS.length]} dot={false} strokeWidth={1.5} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Weekday × hour, one square per cell, darker with more arrivals. */
export function HeatmapChart({ summary, t, f }: ChartProps) {
  const max = Math.max(1, ...summary.heatmap.map((c) => c.received));
  const weekday = (d: number) => t(`reports.weekday.${d}` as Parameters<Translate>[0]);
  return (
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

export function FairnessChart({ summary, t, f }: ChartProps) {
  if (summary.fairness.length === 0) return <p className="text-sm text-slate-500">{t("reports.fairness.none")}</p>;
  const data = summary.fairness.map((g) => ({ name: g.groupName, index: g.index ?? 0, g }));
  return (
    <div className="flex flex-col gap-3">
      <ResponsiveContainer width="100%" height={Math.max(90, 40 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 30, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS} tickFormatter={(v: number) => f.decimal(v)} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={90} />
          <Tooltip formatter={(v) => f.decimal(Number(v))} />
          <Bar dataKey="index" name="Jain" fill="#7c3aed" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ul className="grid gap-1 text-xs text-slate-600 sm:grid-cols-2">
        {summary.fairness.map((g) => (
          <li key={g.groupId} data-testid="fairness-group" data-group={g.groupName} data-index={g.index ?? ""}>
            <span className="font-medium text-slate-800">{g.groupName}</span>{" "}
            <span className="tabular-nums font-semibold text-violet-700">{g.index === null ? t("reports.none") : f.decimal(g.index)}</span>
            {" · "}
            {g.index === null ? t("reports.fairness.noValue") : t("reports.fairness.detail", { n: f.integer(g.agents), assigned: f.integer(g.autoAssigned) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
