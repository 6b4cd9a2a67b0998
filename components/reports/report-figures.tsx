"use client";

// A headline figure beside the compared period's, its change coloured by what is better
// for customers, and the skeletons the page shows while its requests run.
import type { Translate } from "@/lib/i18n/translate";
import { movementOf, type Better } from "./change";

export type { Better };

export function Stat(props: {
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

/** "was 4 min · −25%", green when better for customers, red when worse, grey otherwise (./change.ts). */
export function Change({ current, previous, t, testId }: { current: number | null; previous: { value: number | null; text: string; better: Better }; t: Translate; testId: string }) {
  const movement = movementOf(current, previous.value, previous.better);
  const direction = movement.kind === "percent" || movement.kind === "absolute" ? movement.direction : "neutral";
  const percent =
    movement.kind === "unknown"
      ? ""
      : movement.kind === "same"
        ? t("reports.compare.same")
        : movement.kind === "absolute"
          ? `${movement.sign}${movement.amount.toLocaleString()}`
          : `${movement.sign}${movement.percent}%`;
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

const BLOCK = "animate-pulse rounded-lg bg-slate-200/70";

/** `count` grey blocks of one height, in a grid of the given columns. */
function Blocks({ count, height, grid }: { count: number; height: string; grid: string }) {
  return (
    <div className={`grid gap-3 ${grid}`}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={`${BLOCK} ${height}`} />
      ))}
    </div>
  );
}

function SkeletonFrame({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-4" data-testid={testId} aria-busy="true" aria-label={label}>
      {children}
      <p className="text-sm text-slate-500">{label}</p>
    </div>
  );
}

/** The whole report's place while nothing has come: the live counts, the figures, a chart. */
export function Skeleton({ label }: { label: string }) {
  return (
    <SkeletonFrame label={label} testId="report-skeleton">
      <Blocks count={4} height="h-20" grid="grid-cols-2 md:grid-cols-4" />
      <Blocks count={5} height="h-24" grid="grid-cols-2 md:grid-cols-5" />
      <div className={`${BLOCK} h-64`} />
    </SkeletonFrame>
  );
}

/** Where the charts and the per-agent table will be, while the summary is on its way. */
export function DetailsSkeleton({ label }: { label: string }) {
  return (
    <SkeletonFrame label={label} testId="report-details-skeleton">
      <Blocks count={4} height="h-20" grid="grid-cols-2 md:grid-cols-4" />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className={`${BLOCK} h-64 lg:col-span-2`} />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className={`${BLOCK} h-56`} />
        ))}
      </div>
    </SkeletonFrame>
  );
}
