"use client";

// Several people at once: add them to a group, or deactivate them (after a question).
// Each person goes through the same action as their row, so each is authorized and
// audited on its own; a refusal names the person and why, the others still happen.
import { useState } from "react";
import { addGroupMemberAction } from "@/app/actions/groups";
import { setUserActiveAction } from "@/app/actions/team";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { refusalLine } from "@/components/ui/action-error";
import { useI18n } from "@/components/i18n-provider";
import type { ActionResult } from "@/lib/errors";
import type { TeamMember } from "@/lib/team";
import { ConfirmPanel } from "./confirm-panel";

export function BulkBar({
  chosen,
  allGroups,
  onClear,
  onFinished,
}: {
  chosen: TeamMember[];
  allGroups: { id: number; name: string }[];
  onClear: () => void;
  onFinished: (message: string, tone: "success" | "error") => Promise<void>;
}) {
  const { t } = useI18n();
  const [group, setGroup] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function runForEach(action: (member: TeamMember) => Promise<ActionResult>) {
    setBusy(true);
    let done = 0;
    const refusals: string[] = [];
    for (const member of chosen) {
      const result = await action(member);
      if (result.ok) done++;
      else refusals.push(`${member.name} (${refusalLine(result.error, t)})`);
    }
    setBusy(false);
    setConfirming(false);
    await onFinished(
      refusals.length === 0 ? t("team.bulk.done", { done }) : t("team.bulk.doneWithRefusals", { done, refusals: refusals.join("; ") }),
      refusals.length === 0 ? "success" : "error",
    );
  }

  return (
    <section className="flex flex-col gap-2 rounded-xl bg-brand-50 p-3 ring-1 ring-brand-200" aria-label={t("team.bulk.selected", { count: chosen.length })} data-testid="team-bulk">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-800">{t("team.bulk.selected", { count: chosen.length })}</span>
        <Button kind="link" className="text-xs" onClick={onClear}>
          {t("team.bulk.clear")}
        </Button>
      </div>
      <div className="flex flex-wrap gap-2">
        <select className={`${inputClass} min-w-0 flex-1 sm:max-w-60`} aria-label={t("team.bulk.group")} value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">{t("team.groups.choosePlaceholder")}</option>
          {allGroups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <Button kind="secondary" size="sm" disabled={busy || !group} onClick={() => void runForEach((m) => addGroupMemberAction({ groupId: Number(group), userId: m.id }))}>
          {t("team.bulk.addToGroup")}
        </Button>
        <Button kind="danger" size="sm" disabled={busy} onClick={() => setConfirming(true)} aria-expanded={confirming}>
          {t("team.bulk.deactivate")}
        </Button>
      </div>
      {confirming && (
        <ConfirmPanel
          title={t("team.bulk.deactivate")}
          question={t("team.bulk.deactivate.confirm", { count: chosen.length })}
          confirmLabel={t("team.bulk.deactivate")}
          busy={busy}
          onConfirm={() => void runForEach((m) => setUserActiveAction({ userId: m.id, active: false }))}
          onCancel={() => setConfirming(false)}
          testId="confirm-bulk-deactivate"
        />
      )}
    </section>
  );
}
