"use client";

// What a save did: each setting old → new, and how many queued conversations the new
// settings assigned at once.
import { useI18n } from "@/components/i18n-provider";
import { describeChanges } from "./describe-change";
import { Notice } from "@/components/ui/field";
import type { SaveOutcome } from "./settings-form";

export function SaveNotice({ outcome, onClose }: { outcome: SaveOutcome; onClose: () => void }) {
  const { t } = useI18n();
  const lines = describeChanges(t, outcome.changes);
  const body =
    lines.length === 0 ? (
      <p>{t("groups.settings.unchanged")}</p>
    ) : (
      <>
        <p className="font-semibold">{t("groups.settings.saved")}</p>
        <ul className="mt-1 flex flex-col gap-0.5">
          {lines.map((line) => (
            <li key={line.field}>
              {line.label}: <span className="text-slate-500 line-through decoration-slate-400">{line.from}</span> → <span className="font-medium">{line.to}</span>
            </li>
          ))}
        </ul>
        {outcome.assigned > 0 && (
          <p className="mt-1 font-medium" data-testid="save-assigned">
            {t("groups.settings.assigned", { count: outcome.assigned })}
          </p>
        )}
      </>
    );
  return (
    <Notice tone={lines.length === 0 ? "info" : "success"} testId="save-notice">
      <div className="flex items-start justify-between gap-3">
        <div>{body}</div>
        <button type="button" onClick={onClose} className="-mr-1 rounded px-1 text-lg leading-none opacity-60 hover:opacity-100" aria-label={t("groups.dismiss")}>
          ×
        </button>
      </div>
    </Notice>
  );
}
