"use client";

// The group's agents: who they are, their status and their own limit in the group
// (docs/behaviour.md#policies); add an active agent, remove one — with a choice, when they hold open
// conversations here, between returning those to the queue (the default) and keeping
// them with the agent.
import { useState } from "react";
import { addGroupMemberAction, removeGroupMemberAction, setMemberCapAction } from "@/app/actions/groups";
import { StatusDot } from "@/components/ui/badge";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActionResult } from "@/lib/errors";
import type { GroupDetails } from "@/lib/groups";
import type { MemberView } from "@/lib/groups/queries";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { cardClass, inputClass, Notice } from "@/components/ui/field";
import { useGroupAction } from "./use-group-action";

export function MembersPanel({ details }: { details: GroupDetails }) {
  const { t } = useI18n();
  const groupId = details.group.id;
  const { busy, error, run: runAction } = useGroupAction(groupId);
  const [chosen, setChosen] = useState("");
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const online = details.members.filter((m) => m.status === "online").length;
  const run = (action: () => Promise<ActionResult>) => runAction(action, () => setChosen(""));

  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby="members-title" data-testid="members-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="members-title" className="text-base font-semibold">
          {t("groups.members.title")}
        </h2>
        <span className="text-xs text-slate-500">{t("groups.members.count", { online, total: details.members.length })}</span>
      </div>
      {details.members.length === 0 ? (
        <EmptyState>{t("groups.members.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {details.members.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center gap-3 py-2" data-testid="member" data-member-name={member.name}>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{member.name}</p>
                <p className="truncate text-xs text-slate-500">
                  {member.email}
                  {member.openHere > 0 && <> · {t("groups.members.open", { count: member.openHere })}</>}
                </p>
              </div>
              <StatusDot status={member.status} />
              <MemberCap key={`${member.id}:${member.ownCap}`} member={member} busy={busy} onSave={(maxOpen) => run(() => setMemberCapAction({ groupId, userId: member.id, maxOpen }))} />
              <Button
                kind="secondary"
                size="sm"
                disabled={busy}
                aria-label={t("groups.members.remove", { name: member.name })}
                onClick={() =>
                  member.openHere > 0 ? setRemoving(member) : run(() => removeGroupMemberAction({ groupId, userId: member.id }))
                }
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      {details.otherAgents.length === 0 ? (
        <p className="text-xs text-slate-500">{t("groups.members.noneLeft")}</p>
      ) : (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void run(() => addGroupMemberAction({ groupId, userId: Number(chosen) }));
          }}
        >
          <select className={`${inputClass} min-w-0 flex-1`} value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label={t("groups.members.choose")}>
            <option value="">{t("groups.members.choose")}</option>
            {details.otherAgents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name} · {agent.email}
              </option>
            ))}
          </select>
          <Button kind="secondary" type="submit" disabled={busy || !chosen}>
            {t("groups.members.add")}
          </Button>
        </form>
      )}
      <p className="text-xs text-slate-500">{t("groups.members.cap.hint")}</p>
      {error && <Notice tone="error">{error}</Notice>}
      {removing && (
        <RemoveMemberDialog
          member={removing}
          busy={busy}
          onCancel={() => setRemoving(null)}
          onConfirm={(conversations) => runAction(() => removeGroupMemberAction({ groupId, userId: removing.id, conversations }), () => setRemoving(null))}
        />
      )}
    </section>
  );
}

function MemberCap({ member, busy, onSave }: { member: MemberView; busy: boolean; onSave: (maxOpen: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(member.ownCap === null ? "" : String(member.ownCap));
  const dirty = value.trim() !== (member.ownCap === null ? "" : String(member.ownCap));
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) onSave(value);
      }}
    >
      <input
        className={`${inputClass} w-20! py-1 text-xs`}
        inputMode="numeric"
        aria-label={t("groups.members.cap", { name: member.name })}
        placeholder={t("groups.members.cap.placeholder")}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid="member-cap"
      />
      {dirty && (
        <Button kind="secondary" size="sm" type="submit" disabled={busy} aria-label={t("groups.members.cap.save", { name: member.name })}>
          ✓
        </Button>
      )}
    </form>
  );
}

/** Removing someone from a group, here and from their row on the Team page: return or keep their open conversations. */
export function RemoveMemberDialog({
  member,
  busy,
  onCancel,
  onConfirm,
  title,
}: {
  member: Pick<MemberView, "name" | "openHere">;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (conversations: "requeue" | "keep") => void;
  /** On the Team page the group is named: "Remove Ana from Vendas?". */
  title?: string;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<"requeue" | "keep">("requeue");
  const options = [
    { value: "requeue" as const, label: t("groups.members.remove.requeue", { count: member.openHere }), hint: t("groups.members.remove.requeue.hint") },
    { value: "keep" as const, label: t("groups.members.remove.keep", { name: member.name }), hint: t("groups.members.remove.keep.hint", { name: member.name }) },
  ];
  return (
    <Dialog
      title={title ?? t("groups.members.removeTitle", { name: member.name })}
      titleId="remove-member-title"
      onDismiss={onCancel}
      testId="remove-member-dialog"
      footer={
        <>
          <Button kind="secondary" onClick={onCancel}>
            {t("groups.members.remove.cancel")}
          </Button>
          <Button kind="danger" disabled={busy} onClick={() => onConfirm(choice)}>
            {t("groups.members.remove.confirm")}
          </Button>
        </>
      }
    >
      <div className="mt-4 flex flex-col gap-2" role="radiogroup" aria-labelledby="remove-member-title">
        {options.map((option) => (
          <label key={option.value} className={`flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ${choice === option.value ? "bg-brand-50 ring-2 ring-brand-500" : "ring-slate-200"}`}>
            <input type="radio" name="remove-member-conversations" checked={choice === option.value} onChange={() => setChoice(option.value)} className="mt-0.5 h-4 w-4 accent-brand-600" />
            <span className="flex flex-col gap-0.5">
              <span className="text-sm font-medium text-slate-900">{option.label}</span>
              <span className="text-xs text-slate-600">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </Dialog>
  );
}
