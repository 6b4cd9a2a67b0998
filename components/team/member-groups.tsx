"use client";

// A person's groups from their row on the Team page: add an agent to a group, or remove
// anyone from one — the same commands, and the same "return or keep their conversations"
// choice, as the group's own Members panel.
import { useState } from "react";
import { addGroupMemberAction, removeGroupMemberAction } from "@/app/actions/groups";
import { RemoveMemberDialog } from "@/components/groups/members-panel";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { refusalLine } from "@/components/ui/action-error";
import { useI18n } from "@/components/i18n-provider";
import type { TeamMember } from "@/lib/team";

type Group = TeamMember["groups"][number];

export function MemberGroups({
  member,
  allGroups,
  onDone,
  onError,
}: {
  member: TeamMember;
  allGroups: { id: number; name: string }[];
  onDone: (message: string) => Promise<void>;
  onError: (message: string | null) => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Group | null>(null);
  const mine = new Set(member.groups.map((g) => g.id));
  const others = allGroups.filter((g) => !mine.has(g.id));
  const selectId = `add-group-${member.id}`;

  async function add(event: React.FormEvent) {
    event.preventDefault();
    const group = others.find((g) => String(g.id) === chosen);
    if (!group) return;
    setBusy(true);
    const result = await addGroupMemberAction({ groupId: group.id, userId: member.id });
    setBusy(false);
    if (!result.ok) return onError(refusalLine(result.error, t));
    onError(null);
    setChosen("");
    await onDone(t("team.groups.added", { name: member.name, group: group.name }));
  }

  async function remove(group: Group, conversations: "requeue" | "keep") {
    setBusy(true);
    const result = await removeGroupMemberAction({ groupId: group.id, userId: member.id, conversations });
    setBusy(false);
    setRemoving(null);
    if (!result.ok) return onError(refusalLine(result.error, t));
    onError(null);
    await onDone(t("team.groups.removed", { name: member.name, group: group.name }));
  }

  return (
    <section className="flex flex-col gap-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" aria-label={t("team.groups.title", { name: member.name })} data-testid="member-groups">
      {member.groups.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {member.groups.map((group) => (
            <li key={group.id} className="flex items-center gap-1 rounded-full bg-white py-0.5 pr-0.5 pl-2.5 text-xs text-slate-700 ring-1 ring-slate-200">
              {group.name}
              <Button kind="icon" size="sm" disabled={busy} aria-label={t("team.groups.remove", { name: member.name, group: group.name })} onClick={() => setRemoving(group)}>
                <span aria-hidden="true">×</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {member.role === "agent" && member.active ? (
        others.length > 0 && (
          <form className="flex flex-wrap gap-2" onSubmit={add}>
            <label htmlFor={selectId} className="sr-only">
              {t("team.groups.choose", { name: member.name })}
            </label>
            <select id={selectId} className={`${inputClass} min-w-0 flex-1`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t("team.groups.choosePlaceholder")}</option>
              {others.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            <Button kind="secondary" size="sm" type="submit" disabled={busy || !chosen}>
              {t("team.groups.add")}
            </Button>
          </form>
        )
      ) : (
        member.role === "manager" && <p className="text-xs text-slate-500">{t("team.groups.managerHint")}</p>
      )}
      {removing && (
        <RemoveMemberDialog
          member={{ name: member.name, openHere: removing.openHere }}
          title={t("team.groups.removeTitle", { name: member.name, group: removing.name })}
          busy={busy}
          onCancel={() => setRemoving(null)}
          onConfirm={(conversations) => void remove(removing, conversations)}
        />
      )}
    </section>
  );
}
