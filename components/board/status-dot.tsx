"use client";

import { useI18n } from "@/components/i18n-provider";

type Status = "online" | "paused" | "offline";
const DOT: Record<Status, string> = { online: "bg-emerald-500", paused: "bg-amber-400", offline: "bg-slate-300" };

/** An agent's status as a coloured dot, with the word unless `compact`. */
export function StatusDot({ status, compact = false }: { status: Status; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700" data-status={status}>
      <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${DOT[status]}`} aria-hidden={!compact} aria-label={compact ? t(`status.${status}`) : undefined} role={compact ? "img" : undefined} />
      {!compact && <span>{t(`status.${status}`)}</span>}
    </span>
  );
}
