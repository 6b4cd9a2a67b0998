"use client";

// The group's agents: who they are and their status; add an active agent, remove one.
import { useState } from "react";
import { addGroupMemberAction, removeGroupMemberAction } from "@/app/actions/groups";
import { StatusDot } from "@/components/ui/badge";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActionResult } from "@/lib/errors";
import type { GroupDetails } from "@/lib/groups";
import { buttonClass } from "@/components/ui/button";
import { cardClass, inputClass, Notice } from "@/components/ui/field";
import { useGroupAction } from "./use-group-action";

export function MembersPanel({ details }: { details: GroupDetails }) {
  const { t } = useI18n();
  const groupId = details.group.id;
  const { busy, error, run: runAction } = useGroupAction(groupId);
  const [chosen, setChosen] = useState("");
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
            <li key={member.id} className="flex items-center gap-3 py-2" data-testid="member" data-member-name={member.name}>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{member.name}</p>
                <p className="truncate text-xs text-slate-500">{member.email}</p>
              </div>
              <StatusDot status={member.status} />
              <button
                type="button"
                className={buttonClass("secondary", "sm")}
                disabled={busy}
                aria-label={t("groups.members.remove", { name: member.name })}
                onClick={() => run(() => removeGroupMemberAction({ groupId, userId: member.id }))}
              >
                ×
              </button>
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
          <button type="submit" className={buttonClass("secondary")} disabled={busy || !chosen}>
            {t("groups.members.add")}
          </button>
        </form>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}
