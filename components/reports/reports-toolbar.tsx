"use client";

// The Reports toolbar: period (presets or any start and end minute), group, agent, the
// compared period, and the CSV link of the same selection.
import { useState } from "react";
import type { Formatters } from "./format";
import { minuteOf, PERIODS, periodOf, type PeriodKind } from "./period";
import { NamedOptions } from "@/components/ui/field";
import type { Translate } from "@/lib/i18n/translate";
import { Button } from "@/components/ui/button";

export type ReportGroup = { id: number; name: string };
export type ReportAgentOption = { id: number; name: string; groupIds: number[] };

export function Toolbar(props: {
  kind: PeriodKind;
  period: ReturnType<typeof periodOf>;
  groups: ReportGroup[];
  agents: ReportAgentOption[];
  groupId?: number;
  agentId?: number;
  /** The compared period when one was chosen; null: the period just before. */
  compare: { from: Date; to: Date } | null;
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
      {period && (
        // Keyed like the custom range: the input starts again from the compared period when it changes.
        <CompareWith key={`${minuteOf(period.from)}/${minuteOf(period.to)}/${props.compare ? minuteOf(props.compare.from) : ""}`} period={period} compare={props.compare} t={t} onChange={onChange} select={select} />
      )}
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
      <Button kind="secondary" type="submit">
        {t("reports.period.apply")}
      </Button>
    </form>
  );
}

/**
 * The compared period, by its start: it is always as long as the period (the API refuses
 * anything else). "The previous period" goes back to the default, the one just before.
 */
function CompareWith(props: {
  period: NonNullable<ReturnType<typeof periodOf>>;
  compare: { from: Date; to: Date } | null;
  t: Translate;
  onChange: (changes: Record<string, string | undefined>) => void;
  select: string;
}) {
  const { period, compare, t, onChange, select } = props;
  const previousStart = new Date(2 * period.from.getTime() - period.to.getTime());
  const [start, setStart] = useState(minuteOf(compare?.from ?? previousStart));
  return (
    <form
      className="flex items-end gap-2"
      data-testid="compare-with"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ cmpStart: start });
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
        {t("reports.compare.with")}
        <input
          type="datetime-local"
          className={select}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          data-testid="compare-start"
          title={t("reports.compare.start")}
          required
        />
      </label>
      <Button kind="secondary" type="submit" data-testid="compare-apply">
        {t("reports.period.apply")}
      </Button>
      <Button kind="secondary" disabled={compare === null} aria-pressed={compare === null} onClick={() => onChange({ cmpStart: undefined })} data-testid="compare-previous">
        {t("reports.compare.previous")}
      </Button>
    </form>
  );
}
