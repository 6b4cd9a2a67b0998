"use client";

// A what-if answer on screen: the change in words, the figures side by side (better in
// green, worse in red), the queue-length chart for both, per-agent bars, the replay's
// accuracy and its assumptions; with "compare", one column per strategy.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "@/components/i18n-provider";
import { formatDuration } from "@/components/ui/duration";
import { Notice } from "@/components/ui/field";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";
import type { Assumption, WhatIfAnswer } from "@/lib/what-if/answer";
import type { Figures } from "@/lib/what-if/figures";
import { describeChange } from "./what-if-words";

const CURRENT = "#64748b";
const PROPOSED = "#2563eb";
const AXIS = { fontSize: 11, fill: "#64748b" };

type Row = { label: string; value: (f: Figures) => number | null; show: (v: number | null) => string; lowerIsBetter?: boolean };

function rowsOf(t: Translate, targetMinutes: number | null): Row[] {
  const time = (v: number | null) => (v === null ? "—" : formatDuration(v * 1000, t));
  const count = (v: number | null) => (v === null ? "—" : String(v));
  const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
  return [
    { label: t("whatIf.row.median"), value: (f) => f.queueWaitSeconds.median, show: time, lowerIsBetter: true },
    { label: t("whatIf.row.p90"), value: (f) => f.queueWaitSeconds.p90, show: time, lowerIsBetter: true },
    { label: t("whatIf.row.p95"), value: (f) => f.queueWaitSeconds.p95, show: time, lowerIsBetter: true },
    { label: t("whatIf.row.max"), value: (f) => f.queueWaitSeconds.max, show: time, lowerIsBetter: true },
    { label: targetMinutes === null ? t("whatIf.row.overOwnTarget") : t("whatIf.row.overTarget", { minutes: targetMinutes }), value: (f) => f.overTargetShare, show: percent, lowerIsBetter: true },
    { label: t("whatIf.row.unassigned"), value: (f) => f.unassigned, show: count, lowerIsBetter: true },
    { label: t("whatIf.row.fairness"), value: (f) => f.fairness, show: (v) => (v === null ? "—" : v.toFixed(2)), lowerIsBetter: false },
    { label: t("whatIf.row.loadSpread"), value: (f) => f.loadSpread, show: count, lowerIsBetter: true },
    { label: t("whatIf.row.requeues"), value: (f) => f.requeues.away + f.requeues.noReply, show: count },
    { label: t("whatIf.row.outsideHours"), value: (f) => f.outsideHours, show: count },
  ];
}

function tone(row: Row, base: number | null, other: number | null): string {
  if (row.lowerIsBetter === undefined || base === null || other === null || base === other) return "text-slate-900";
  return (other < base) === row.lowerIsBetter ? "font-semibold text-emerald-700" : "font-semibold text-red-700";
}

function FiguresTable({ columns, t }: { columns: { title: string; figures: Figures }[]; t: Translate }) {
  // Each side counts against its own first-response target (5 min where none is set): one figure in the label when they agree.
  const targets = new Set(columns.map((c) => c.figures.settings.firstResponseTargetMinutes ?? DEFAULT_TARGET_MINUTES));
  const rows = rowsOf(t, targets.size === 1 ? [...targets][0]! : null);
  const base = columns[0]!.figures;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="what-if-table">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="py-1 pr-2 font-medium">{t("whatIf.col.metric")}</th>
            {columns.map((c) => (
              <th key={c.title} className="px-2 py-1 text-right font-medium">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-t border-slate-100">
              <td className="py-1.5 pr-2 text-slate-600">{row.label}</td>
              {columns.map((c, i) => {
                const value = row.value(c.figures);
                return (
                  <td key={c.title} className={`px-2 py-1.5 text-right tabular-nums ${i === 0 ? "text-slate-900" : tone(row, row.value(base), value)}`}>
                    {row.show(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QueueChart({ columns, t, locale }: { columns: { title: string; figures: Figures; color: string }[]; t: Translate; locale: string }) {
  const data = columns[0]!.figures.queueLength.map((point, i) => ({
    at: point.at,
    ...Object.fromEntries(columns.map((c) => [c.title, c.figures.queueLength[i]?.waiting ?? 0])),
  }));
  const day = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit" });
  return (
    <figure data-testid="what-if-queue-chart">
      <figcaption className="text-xs font-medium text-slate-700">{t("whatIf.chart.queue")}</figcaption>
      <p className="text-xs text-slate-500">{t("whatIf.chart.queue.hint")}</p>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 5, right: 10, bottom: 0, left: -20 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="at" tick={AXIS} minTickGap={28} tickFormatter={(v: string) => day.format(new Date(v))} />
          <YAxis tick={AXIS} allowDecimals={false} />
          <Tooltip labelFormatter={(v) => new Date(String(v)).toLocaleString(locale)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {columns.map((c) => (
            <Line key={c.title} type="stepAfter" dataKey={c.title} stroke={c.color} dot={false} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

function AgentBars({ columns, t }: { columns: { title: string; figures: Figures; color: string }[]; t: Translate }) {
  const data = columns[0]!.figures.perAgent.map((a) => ({
    name: a.name,
    ...Object.fromEntries(columns.map((c) => [c.title, c.figures.perAgent.find((p) => p.userId === a.userId)?.conversations ?? 0])),
  }));
  return (
    <figure data-testid="what-if-agent-bars">
      <figcaption className="text-xs font-medium text-slate-700">{t("whatIf.chart.agents")}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * 34 + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 5, right: 10, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={AXIS} allowDecimals={false} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={90} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {columns.map((c) => (
            <Bar key={c.title} dataKey={c.title} fill={c.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function assumptionText(a: Assumption, t: Translate): string {
  const key = `whatIf.assume.${a.code}` as MessageKey;
  const text = t(key, a.values);
  return text === key ? a.text : text;
}

const DEFAULT_TARGET_MINUTES = 5;
const STRATEGY_COLORS = { manual: "#d97706", balanced: "#2563eb", sequential: "#059669" } as const;

export function WhatIfResult({ answer }: { answer: WhatIfAnswer }) {
  const { t, locale } = useI18n();
  const dateOf = (iso: string) => new Date(iso).toLocaleDateString(locale);
  const time = (s: number) => formatDuration(s * 1000, t);
  const { calibration: c } = answer;
  const columns = answer.strategies
    ? (["manual", "balanced", "sequential"] as const).map((s) => ({ title: t(`groups.strategy.${s}`), figures: answer.strategies![s], color: STRATEGY_COLORS[s] }))
    : [
        { title: t("whatIf.col.current"), figures: answer.current, color: CURRENT },
        { title: t("whatIf.col.proposed"), figures: answer.proposed, color: PROPOSED },
      ];
  const tableColumns = answer.strategies ? [{ title: t("whatIf.col.current"), figures: answer.current }, ...columns] : columns;
  return (
    <div className="flex flex-col gap-4" data-testid="what-if-result">
      <p className="text-xs text-slate-500">{t("whatIf.period", { conversations: answer.conversations, from: dateOf(answer.from), to: dateOf(answer.to) })}</p>
      {!c.enoughHistory ? (
        <Notice tone="info" testId="what-if-too-little">
          {t("whatIf.tooLittle", { conversations: answer.conversations })}
        </Notice>
      ) : (
        <>
          {answer.strategies ? (
            <h4 className="text-sm font-medium text-slate-800">{t("whatIf.compare.title")}</h4>
          ) : (
            <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-slate-900" data-testid="what-if-words">
              {describeChange(answer.current, answer.proposed, t).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <FiguresTable columns={tableColumns} t={t} />
          <div className="grid gap-4 xl:grid-cols-2">
            <QueueChart columns={columns} t={t} locale={locale} />
            <AgentBars columns={columns} t={t} />
          </div>
        </>
      )}
      <p className="text-xs text-slate-500" data-testid="what-if-calibration">
        {t(c.sameAgentShare === null ? "whatIf.calibration.none" : "whatIf.calibration", {
          share: c.sameAgentShare === null ? "" : `${Math.round(c.sameAgentShare * 100)}%`,
          realMedian: time(c.real.median),
          realP90: time(c.real.p90),
          replayedMedian: time(c.replayed.median),
          replayedP90: time(c.replayed.p90),
        })}
      </p>
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer font-medium text-slate-700">{t("whatIf.assumptions")}</summary>
        <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-5">
          {answer.assumptions.map((a, i) => (
            <li key={`${a.code}-${i}`}>{assumptionText(a, t)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
