"use client";

// Who to hand a conversation to: the members of its group with their status and load,
// live (presence and load signals refetch them), or back to the group's queue.
import { useEffect, useRef } from "react";
import { useI18n } from "@/components/i18n-provider";
import { PRESENCE_DOT } from "@/components/ui/badge";
import { Popover } from "@/components/ui/dialog";
import type { ConversationDetail } from "@/lib/inbox/types";
import { useGroupMembers } from "./inbox-queries";

type Props = {
  conversation: ConversationDetail;
  /** "assign": a manager's assignment; "transfer": the assignee hands it over. */
  mode: "assign" | "transfer";
  allowQueue: boolean;
  onPick: (to: { id: number; name: string } | "queue") => void;
  onDismiss: () => void;
};

export function TransferPicker({ conversation, mode, allowQueue, onPick, onDismiss }: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const members = useGroupMembers(conversation.id, true);

  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }, [members.data]);

  const title = t(mode === "assign" ? "inbox.transfer.assignTitle" : "inbox.transfer.title");
  const others = members.data ?? [];
  return (
    <Popover label={title} onDismiss={onDismiss} testId="transfer-picker" className="max-h-96 w-72">
      <p className="border-b border-slate-100 px-4 py-2.5 font-semibold">{title}</p>
      <div ref={list} className="overflow-y-auto p-1.5">
        {allowQueue && (
          <button
            type="button"
            onClick={() => onPick("queue")}
            className="flex w-full flex-col rounded-lg px-3 py-2 text-left hover:bg-slate-100 focus:bg-slate-100 focus:outline-none"
          >
            <span className="font-medium">{t("inbox.action.returnToQueue")}</span>
            <span className="text-xs text-slate-500">{t("inbox.transfer.queueHint", { group: conversation.group.name })}</span>
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
                <button
                  type="button"
                  disabled={current}
                  onClick={() => onPick({ id: member.id, name: member.name })}
                  data-testid="transfer-member"
                  data-status={member.status}
                  className="flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:cursor-default disabled:opacity-60 disabled:hover:bg-transparent"
                >
                  <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${PRESENCE_DOT[member.status]}`} aria-hidden="true" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{member.name}</span>
                    <span className="block text-xs text-slate-500">
                      {t(`status.${member.status}`)}
                      {current && ` · ${t("inbox.transfer.current")}`}
                    </span>
                  </span>
                  <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("inbox.transfer.load", { count: member.load })}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </Popover>
  );
}
