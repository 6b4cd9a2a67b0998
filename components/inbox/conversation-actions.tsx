"use client";

// The actions on the open conversation, as the server says the viewer may use them
// (`conversation.can`, lib/auth/permissions.ts; the server checks again on each):
// Assign to me, Transfer (or a manager's Assign), Close.
import { useCallback, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/inbox/types";
import { CONVERSATION_TARGETS, LIST_TARGETS, refocusWhenLost } from "@/components/shell/skip-links";
import { TransferPicker, type GroupMove, type HandOverTarget } from "./transfer-picker";

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
  onHandOver: (to: HandOverTarget, asManager: boolean, move?: GroupMove) => void;
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
        <Button
          kind="primary"
          onClick={() => {
            onTake();
            refocusWhenLost(["#reply-box:not(:disabled)"], CONVERSATION_TARGETS);
          }}
          disabled={busy}
          aria-keyshortcuts="Alt+A"
        >
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
              // The server moves a conversation someone has, for its assignee or a manager.
              allowOtherGroups={conversation.status === "assigned" && can.close}
              onDismiss={dismiss}
              onPick={(to, move) => {
                setPicking(false);
                refocusWhenLost([], [...(move ? LIST_TARGETS : []), ...CONVERSATION_TARGETS, ...LIST_TARGETS]);
                onHandOver(to, handOver === "assign" && to !== "queue" && !move, move);
              }}
            />
          )}
        </div>
      )}
      {can.close && (
        <Button
          kind="secondary"
          onClick={() => {
            onClose();
            refocusWhenLost(LIST_TARGETS, ["#main-content"]);
          }}
          disabled={busy}
          aria-keyshortcuts="Alt+E"
        >
          {t("inbox.action.close")}
        </Button>
      )}
      {can.reopen && (
        <Button
          kind="secondary"
          onClick={() => {
            onReopen();
            refocusWhenLost(["#reply-box:not(:disabled)"], CONVERSATION_TARGETS);
          }}
          disabled={busy}
          data-testid="reopen-button"
        >
          {t("inbox.action.reopen")}
        </Button>
      )}
    </div>
  );
}
