"use client";

// The actions on the open conversation, as the server says the viewer may use them
// (`conversation.can`, lib/auth/permissions.ts; the server checks again on each):
// Assign to me, Transfer (or a manager's Assign), Close.
import { useCallback, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/inbox/types";
import { TransferPicker } from "./transfer-picker";

/** Who the conversation can be handed to: the assignee transfers it, a manager assigns it. */
export function handOverOf(can: ConversationDetail["can"]): "transfer" | "assign" | null {
  return can.transfer ? "transfer" : can.assign ? "assign" : null;
}

type Props = {
  conversation: ConversationDetail;
  busy: boolean;
  onTake: () => void;
  onClose: () => void;
  onReopen: () => void;
  onHandOver: (to: { id: number; name: string } | "queue", asManager: boolean) => void;
};

export function ConversationActions({ conversation, busy, onTake, onClose, onReopen, onHandOver }: Props) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  const dismiss = useCallback(() => setPicking(false), []);
  const { can } = conversation;
  const handOver = handOverOf(can);

  return (
    <div className="flex shrink-0 items-center gap-2">
      {can.take && (
        <Button kind="primary" onClick={onTake} disabled={busy} aria-keyshortcuts="Alt+A">
          {t("inbox.action.take")}
        </Button>
      )}
      {handOver && (
        <div className="relative">
          <Button kind="secondary" onClick={() => setPicking((open) => !open)} aria-haspopup="dialog" aria-expanded={picking} disabled={busy}>
            {t(handOver === "assign" ? "inbox.action.assign" : "inbox.action.transfer")}
          </Button>
          {picking && (
            <TransferPicker
              conversation={conversation}
              mode={handOver}
              allowQueue={conversation.status === "assigned" && can.close}
              onDismiss={dismiss}
              onPick={(to) => {
                setPicking(false);
                onHandOver(to, handOver === "assign" && to !== "queue");
              }}
            />
          )}
        </div>
      )}
      {can.close && (
        <Button kind="secondary" onClick={onClose} disabled={busy} aria-keyshortcuts="Alt+E">
          {t("inbox.action.close")}
        </Button>
      )}
      {can.reopen && (
        <Button kind="secondary" onClick={onReopen} disabled={busy} data-testid="reopen-button">
          {t("inbox.action.reopen")}
        </Button>
      )}
    </div>
  );
}
