"use client";

// Small labels: a pill in one of a few tones, and an agent's presence (online / paused /
// offline) as a dot with or without its word.
import { useI18n } from "@/components/i18n-provider";
import type { User } from "@/db/schema";

const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  sky: "bg-sky-50 text-sky-800 ring-sky-100",
  violet: "bg-violet-50 text-violet-800 ring-violet-100",
  amber: "bg-amber-50 text-amber-800 ring-amber-100",
  brand: "bg-brand-600 text-white ring-brand-600",
};

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "neutral", children, testId }: { tone?: BadgeTone; children: React.ReactNode; testId?: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${TONES[tone]}`} data-testid={testId}>
      {children}
    </span>
  );
}

export type Presence = User["status"];

/** The colour of each presence status, for dots drawn inside other controls. */
export const PRESENCE_DOT: Record<Presence, string> = { online: "bg-emerald-500", paused: "bg-amber-400", offline: "bg-slate-300" };

/** An agent's status as a coloured dot, with the word unless `compact` (then the word is its accessible name). */
export function StatusDot({ status, compact = false }: { status: Presence; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700" data-status={status}>
      <span
        className={`h-2.5 w-2.5 shrink-0 rounded-full ${PRESENCE_DOT[status]}`}
        aria-hidden={!compact}
        aria-label={compact ? t(`status.${status}`) : undefined}
        role={compact ? "img" : undefined}
      />
      {!compact && <span>{t(`status.${status}`)}</span>}
    </span>
  );
}
