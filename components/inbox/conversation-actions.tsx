"use client";

// The actions on the open conversation, shown to whoever may use them (the server
// checks again): Assign to me, Transfer (or a manager's Assign), Close.
import { useCallback, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ConversationDetail } from "@/lib/inbox/types";
import { TransferPicker } from "./transfer-picker";
import type { Viewer } from "./use-conversation-actions";

export type ConversationPermissions = { canTake: boolean; canWork: boolean; handOver: "assign" | "transfer" | null };

/** Mirrors lib/auth/permissions.ts for what to show; the server decides. */
const SECONDARY_BUTTON =
  "h-9 rounded-lg border border-slate-300 bg-white px-3.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

export function permissionsFor(viewer: Viewer, conversation: ConversationDetail): ConversationPermissions {
  const manager = viewer.role === "manager";
  const mine = conversation.status === "assigned" && conversation.assignee?.id === viewer.id;
  const open = conversation.status !== "closed";
  return {
    canTake: conversation.status === "queued",
    canWork: open && (manager || mine),
    handOver: !open ? null : mine ? "transfer" : manager ? "assign" : null,
  };
}

type Props = {
  conversation: ConversationDetail;
  permissions: ConversationPermissions;
  busy: boolean;
  onTake: () => void;
  onClose: () => void;
  onHandOver: (to: { id: number; name: string } | "queue", asManager: boolean) => void;
};

export function ConversationActions({ conversation, permissions, busy, onTake, onClose, onHandOver }: Props) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  const dismiss = useCallback(() => setPicking(false), []);
  const { canTake, canWork, handOver } = permissions;

  return (
    <div className="flex shrink-0 items-center gap-2">
      {canTake && (
        <button
          type="button"
          onClick={onTake}
          disabled={busy}
          aria-keyshortcuts="Alt+A"
          className="h-9 rounded-lg bg-brand-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-50"
        >
          {t("inbox.action.take")}
        </button>
      )}
      {handOver && (
        <div className="relative">
          <button
            type="button"
            onClick={() => setPicking((open) => !open)}
            aria-haspopup="dialog"
            aria-expanded={picking}
            disabled={busy}
            className={SECONDARY_BUTTON}
          >
            {t(handOver === "assign" ? "inbox.action.assign" : "inbox.action.transfer")}
          </button>
          {picking && (
            <TransferPicker
              conversation={conversation}
              mode={handOver}
              allowQueue={conversation.status === "assigned" && canWork}
              onDismiss={dismiss}
              onPick={(to) => {
                setPicking(false);
                onHandOver(to, handOver === "assign" && to !== "queue");
              }}
            />
          )}
        </div>
      )}
      {canWork && (
        <button
          type="button"
          onClick={onClose}
          disabled={busy}
          aria-keyshortcuts="Alt+E"
          className={SECONDARY_BUTTON}
        >
          {t("inbox.action.close")}
        </button>
      )}
    </div>
  );
}
