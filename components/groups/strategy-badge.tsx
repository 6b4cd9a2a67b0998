"use client";

import { useI18n } from "@/components/i18n-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Strategy } from "@/lib/groups/rules";

const TONE: Record<Strategy, BadgeTone> = { manual: "neutral", balanced: "sky", sequential: "violet" };

export function StrategyBadge({ strategy }: { strategy: Strategy }) {
  const { t } = useI18n();
  return (
    <Badge tone={TONE[strategy]} testId="strategy-badge">
      {t(`groups.strategy.${strategy}`)}
    </Badge>
  );
}
