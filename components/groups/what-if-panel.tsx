"use client";

// The what-if panel beside Save (docs/what-if.md): the settings on the screen, unsaved,
// replayed over the group's last 7 / 14 / 30 days beside those in force, or the three
// strategies side by side. The server replays; this shows the answer.
import { useState } from "react";
import { tryGroupSettings } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { describeActionError } from "@/components/ui/action-error";
import type { WhatIfAnswer } from "@/lib/what-if/answer";
import type { WhatIfInput } from "@/lib/what-if/run-what-if";
import { WhatIfResult } from "./what-if-result";

const DAYS = [7, 14, 30] as const;

/** The form's fields as typed (text for numbers: the server parses them as Save does). */
export type DraftSettings = NonNullable<WhatIfInput["settings"]>;

export function WhatIfPanel({ groupId, draft }: { groupId: number; draft: () => DraftSettings }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<WhatIfAnswer | null>(null);
  const [days, setDays] = useState<(typeof DAYS)[number]>(7);

  async function run(period: (typeof DAYS)[number], compareStrategies: boolean) {
    setBusy(true);
    setDays(period);
    const result = await tryGroupSettings({ groupId, days: period, settings: draft(), compareStrategies });
    setBusy(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      return setError(Object.values(described.fields)[0] ?? described.message);
    }
    setError(null);
    setAnswer(result.answer);
  }

  return (
    <section className="flex flex-col gap-3 border-t border-slate-100 pt-5" aria-labelledby="what-if-title" data-testid="what-if">
      <div>
        <h3 id="what-if-title" className="text-sm font-semibold text-slate-900">
          {t("whatIf.title")}
        </h3>
        <p className="text-xs text-slate-500">{t("whatIf.hint")}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        {DAYS.map((d) => (
          <Button key={d} kind="secondary" size="sm" disabled={busy} onClick={() => run(d, false)} data-testid={`what-if-${d}`}>
            {t("whatIf.tryDays", { days: d })}
          </Button>
        ))}
        <Button kind="secondary" size="sm" disabled={busy} onClick={() => run(days, true)} data-testid="what-if-compare">
          {t("whatIf.compare")}
        </Button>
      </div>
      {busy && (
        <p className="text-xs text-slate-500" role="status">
          {t("whatIf.running")}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      {answer && !busy && <WhatIfResult answer={answer} />}
    </section>
  );
}
