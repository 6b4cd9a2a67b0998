"use client";

// The reply box's frame: the Reply/Note tabs with the window's countdown, and what it
// says when replying is not possible (closed, not yours, WhatsApp's 24-hour window
// closed: then a template is the way to write first).
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { formatDuration } from "@/components/ui/duration";
import type { ConversationDetail } from "@/lib/inbox/types";
import { TemplateDialog } from "./template-dialog";
import type { Mode } from "./use-composer";
import type { TemplateToSend } from "./use-send-file";

type Translate = ReturnType<typeof useI18n>["t"];

/** Why this user cannot reply now, or null. Who may reply is the server's answer (conversation.can); this only says why not. */
export function blockedReason(conversation: ConversationDetail, mode: Mode, windowOpen: boolean, t: Translate): string | null {
  if (mode === "note") return null;
  if (conversation.status === "closed") return t("inbox.reply.closed");
  if (!conversation.can.reply) {
    return conversation.status === "queued" ? t("inbox.reply.takeFirst") : t("inbox.reply.notYours", { name: conversation.assignee?.name ?? "" });
  }
  return windowOpen ? null : t("inbox.reply.windowClosed");
}

/** Reply and Note, and how long the window has left once it is under three hours. */
export function ModeTabs({ mode, onSwitch, closingIn }: { mode: Mode; onSwitch: (mode: Mode) => void; closingIn: number | null }) {
  const { t } = useI18n();
  return (
    <div className="flex items-center gap-1 pb-1.5" role="tablist" aria-label={t("inbox.reply.label")}>
      {(["reply", "note"] as const).map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={mode === m}
          onClick={() => onSwitch(m)}
          data-testid={`mode-${m}`}
          className={`rounded-md px-2.5 py-1 text-xs font-medium ${
            mode === m ? (m === "note" ? "bg-amber-200 text-amber-900" : "bg-brand-100 text-brand-800") : "text-slate-500 hover:bg-slate-100"
          }`}
        >
          {t(m === "note" ? "note.mode.note" : "note.mode.reply")}
        </button>
      ))}
      {closingIn !== null && closingIn < 3 * 3600 * 1000 && (
        <p className="ml-auto text-xs text-amber-700" data-testid="window-closing">
          {t("inbox.reply.windowClosesIn", { time: formatDuration(closingIn, t) })}
        </p>
      )}
    </div>
  );
}

/** Why replying is not possible; when only the window is closed, the way to send a template. */
export function BlockedNotice({ conversation, reason, windowOpen, onSendTemplate }: { conversation: ConversationDetail; reason: string; windowOpen: boolean; onSendTemplate: (send: TemplateToSend) => void }) {
  const { t } = useI18n();
  const [templates, setTemplates] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2 py-1.5 text-sm text-slate-600" data-testid="reply-blocked" role="note">
      <span className="min-w-0 flex-1">{reason}</span>
      {conversation.status !== "closed" && conversation.can.reply && !windowOpen && (
        <Button kind="primary" size="sm" onClick={() => setTemplates(true)} data-testid="template-open">
          {t("template.open")}
        </Button>
      )}
      {templates && <TemplateDialog conversationId={conversation.id} onClose={() => setTemplates(false)} onSend={(choice) => onSendTemplate({ conversationId: conversation.id, ...choice })} />}
    </div>
  );
}
