"use client";

// Who to hand a conversation to: the members of its group with their status and load,
// live (presence and load signals refetch them), or back to the group's queue.
import { useEffect, useRef } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ConversationDetail, PresenceStatus } from "@/lib/inbox/types";
import { useGroupMembers } from "./inbox-queries";

export const STATUS_DOT: Record<PresenceStatus, string> = { online: "bg-emerald-500", paused: "bg-amber-400", offline: "bg-slate-300" };

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
  const panel = useRef<HTMLDivElement>(null);
  const members = useGroupMembers(conversation.id, true);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => panel.current && !panel.current.contains(e.target as Node) && onDismiss();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onDismiss();
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [onDismiss]);

  useEffect(() => {
    panel.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }, [members.data]);

  const title = t(mode === "assign" ? "inbox.transfer.assignTitle" : "inbox.transfer.title");
  const others = members.data ?? [];
  return (
    <div
      ref={panel}
      role="dialog"
      aria-label={title}
      data-testid="transfer-picker"
      className="absolute top-full right-0 z-30 mt-2 flex max-h-96 w-72 flex-col overflow-hidden rounded-xl bg-white text-sm shadow-xl ring-1 ring-slate-200"
    >
      <p className="border-b border-slate-100 px-4 py-2.5 font-semibold">{title}</p>
      <div className="overflow-y-auto p-1.5">
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
        <p className="px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{t("inbox.transfer.members", { group: conversation.group.name })}</p>
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
                  <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${STATUS_DOT[member.status]}`} aria-hidden="true" />
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
    </div>
  );
}
