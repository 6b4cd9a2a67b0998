"use client";

import { useI18n } from "@/components/i18n-provider";
import type { Strategy } from "@/lib/groups/rules";

const TONE: Record<Strategy, string> = {
  manual: "bg-slate-100 text-slate-700 ring-slate-200",
  balanced: "bg-sky-50 text-sky-800 ring-sky-100",
  sequential: "bg-violet-50 text-violet-800 ring-violet-100",
};

export function StrategyBadge({ strategy }: { strategy: Strategy }) {
  const { t } = useI18n();
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${TONE[strategy]}`} data-testid="strategy-badge">
      {t(`groups.strategy.${strategy}`)}
    </span>
  );
}
