"use client";

// A question under a row before an action that cannot be taken back quietly (deactivate,
// a new role, sign out everywhere): an alert dialog in place, focus on Cancel, Escape cancels.
import { useId } from "react";
import { Button, type ButtonKind } from "@/components/ui/button";
import { useDismiss } from "@/components/ui/dialog";
import { useI18n } from "@/components/i18n-provider";

export function ConfirmPanel({
  title,
  question,
  confirmLabel,
  confirmKind = "dangerSolid",
  busy,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  question: string;
  confirmLabel: string;
  confirmKind?: ButtonKind;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  useDismiss(onCancel);
  const tone = confirmKind === "dangerSolid" ? "bg-red-50 text-red-900 ring-red-100" : "bg-slate-50 text-slate-900 ring-slate-200";
  return (
    <div className={`flex flex-col gap-2 rounded-lg p-3 text-sm ring-1 ${tone}`} role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-question`} data-testid={testId}>
      <p id={`${id}-title`} className="sr-only">
        {title}
      </p>
      <p id={`${id}-question`}>{question}</p>
      <div className="flex flex-wrap gap-2">
        <Button kind={confirmKind} size="sm" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button kind="secondary" size="sm" disabled={busy} onClick={onCancel} autoFocus>
          {t("common.cancel")}
        </Button>
      </div>
    </div>
  );
}
