"use client";

// Who to hand a conversation to: the members of its group with their status and load,
// live (presence and load signals refetch them), or back to the group's queue; and, for
// a conversation someone has, another group — its queue or one of its members — with a
// note for whoever takes it (docs/behaviour.md#transfer-to-another-group).
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { PRESENCE_DOT } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Popover } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import type { ConversationDetail, GroupMemberPresence, VisibleGroup } from "@/lib/inbox/types";
import { useGroupMembers, useTransferTargets } from "./inbox-queries";

export type HandOverTarget = { id: number; name: string } | "queue";
/** A transfer to another group: which, and the note that goes with it. */
export type GroupMove = { groupId: number; groupName: string; note?: string };

type Props = {
  conversation: ConversationDetail;
  /** "assign": a manager's assignment; "transfer": the assignee hands it over. */
  mode: "assign" | "transfer";
  allowQueue: boolean;
  /** Someone has it, and the viewer may move it: other groups are offered too. */
  allowOtherGroups: boolean;
  onPick: (to: HandOverTarget, move?: GroupMove) => void;
  onDismiss: () => void;
};

const rowClass =
  "flex w-full rounded-lg px-3 py-2 text-left hover:bg-slate-100 focus:bg-slate-100 focus-visible:-outline-offset-2";

export function TransferPicker({ conversation, mode, allowQueue, allowOtherGroups, onPick, onDismiss }: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const members = useGroupMembers(conversation.id, true);
  const targets = useTransferTargets(conversation.id, allowOtherGroups);
  const [chosen, setChosen] = useState<{ to: HandOverTarget; group: VisibleGroup } | null>(null);

  useEffect(() => {
    if (!chosen) list.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }, [members.data, chosen]);

  const title = t(mode === "assign" ? "inbox.transfer.assignTitle" : "inbox.transfer.title");
  const others = members.data ?? [];
  return (
    <Popover label={title} onDismiss={onDismiss} testId="transfer-picker" className="max-h-[28rem] w-80">
      {chosen ? (
        <TransferNote chosen={chosen} onBack={() => setChosen(null)} onConfirm={(note) => onPick(chosen.to, { groupId: chosen.group.id, groupName: chosen.group.name, note })} />
      ) : (
        <>
          <p className="border-b border-slate-100 px-4 py-2.5 font-semibold">{title}</p>
          <div ref={list} className="overflow-y-auto p-1.5">
            {allowQueue && (
              <button type="button" onClick={() => onPick("queue")} className={`${rowClass} flex-col`}>
                <span className="font-medium">{t("inbox.action.returnToQueue")}</span>
                <span className="text-xs text-slate-600">{t("inbox.transfer.queueHint", { group: conversation.group.name })}</span>
              </button>
            )}
            <p className="px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t("inbox.transfer.members", { group: conversation.group.name })}</p>
            {members.isPending && <p className="px-3 py-2 text-slate-500">{t("common.loading")}</p>}
            {members.isSuccess && others.length === 0 && <p className="px-3 py-2 text-slate-500">{t("inbox.transfer.noMembers")}</p>}
            <ul>
              {others.map((member) => {
                const current = member.id === conversation.assignee?.id && conversation.status === "assigned";
                return (
                  <li key={member.id}>
                    <MemberButton member={member} current={current} testId="transfer-member" onClick={() => onPick({ id: member.id, name: member.name })} />
                  </li>
                );
              })}
            </ul>
            {allowOtherGroups && (targets.data ?? []).length > 0 && (
              <div data-testid="transfer-other-groups">
                <p className="mt-1 border-t border-slate-100 px-3 pt-3 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t("inbox.transfer.otherGroups")}</p>
                {targets.data!.map((group) => (
                  <section key={group.id} aria-label={group.name} className="pb-1">
                    <p className="px-3 pt-1.5 text-xs font-semibold text-slate-700">{group.name}</p>
                    <button type="button" onClick={() => setChosen({ to: "queue", group })} className={`${rowClass} flex-col`} data-testid="transfer-group-queue" data-group-id={group.id}>
                      <span className="font-medium">{t("inbox.transfer.groupQueue", { group: group.name })}</span>
                      <span className="text-xs text-slate-600">{t("inbox.transfer.groupQueueHint")}</span>
                    </button>
                    <ul>
                      {group.members.map((member) => (
                        <li key={member.id}>
                          <MemberButton
                            member={member}
                            current={false}
                            testId="transfer-group-member"
                            onClick={() => setChosen({ to: { id: member.id, name: member.name }, group })}
                          />
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            )}
          </div>
        </>
      )}
    </Popover>
  );
}

function MemberButton({ member, current, testId, onClick }: { member: GroupMemberPresence; current: boolean; testId: string; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      disabled={current}
      onClick={onClick}
      data-testid={testId}
      data-status={member.status}
      className={`${rowClass} items-center gap-3 disabled:cursor-default disabled:opacity-60 disabled:hover:bg-transparent`}
    >
      <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${PRESENCE_DOT[member.status]}`} aria-hidden="true" />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{member.name}</span>
        <span className="block text-xs text-slate-600">
          {t(`status.${member.status}`)}
          {current && ` · ${t("inbox.transfer.current")}`}
        </span>
      </span>
      <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("inbox.transfer.load", { count: member.load })}</span>
    </button>
  );
}

/** The second step of a transfer to another group: where it goes, and a note for them. */
function TransferNote({ chosen, onBack, onConfirm }: { chosen: { to: HandOverTarget; group: VisibleGroup }; onBack: () => void; onConfirm: (note?: string) => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const where =
    chosen.to === "queue" ? t("inbox.transfer.groupQueue", { group: chosen.group.name }) : t("inbox.transfer.memberOfGroup", { name: chosen.to.name, group: chosen.group.name });
  return (
    <form
      className="flex flex-col gap-3 p-4"
      data-testid="transfer-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(note.trim() === "" ? undefined : note);
      }}
    >
      <p className="font-semibold">{t("inbox.transfer.confirmTitle", { where })}</p>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t("inbox.transfer.noteLabel")}
        <textarea
          ref={box}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          className={inputClass}
          data-testid="transfer-note"
        />
        <span className="font-normal text-slate-500">{t("inbox.transfer.noteHint")}</span>
      </label>
      <div className="flex justify-end gap-2">
        <Button kind="secondary" onClick={onBack}>
          {t("inbox.transfer.back")}
        </Button>
        <Button kind="primary" type="submit" data-testid="transfer-confirm">
          {t("inbox.transfer.confirm")}
        </Button>
      </div>
    </form>
  );
}
