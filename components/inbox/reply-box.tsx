"use client";

// The reply box: Enter sends, Shift+Enter adds a line. When replying is not possible it
// says why instead: the conversation is closed, not yours, or WhatsApp's 24-hour window
// has closed (free-form replies only within 24 h of the contact's last message).
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/inbox/types";
import { formatDuration } from "@/components/ui/duration";
import { useNow } from "@/components/ui/use-now";

export const REPLY_BOX_ID = "reply-box";

// Drafts survive switching between conversations (not a reload).
const drafts = new Map<number, string>();

type Props = {
  conversation: ConversationDetail;
  maxLength: number;
  onSend: (body: string) => Promise<unknown>;
};

export function ReplyBox({ conversation, maxLength, onSend }: Props) {
  const { t } = useI18n();
  // Null only while hydrating, before any conversation is loaded.
  const now = useNow(30_000) ?? 0;
  const [text, setText] = useState(() => drafts.get(conversation.id) ?? "");
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    drafts.set(conversation.id, text);
  }, [conversation.id, text]);

  // Grows with its content, up to about six lines.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const closesAt = conversation.windowClosesAt ? new Date(conversation.windowClosesAt).getTime() : 0;
  const windowOpen = closesAt > now;
  // Who may reply is the server's answer (conversation.can); this only says why not.
  const blocked =
    conversation.status === "closed"
      ? t("inbox.reply.closed")
      : !conversation.can.reply
        ? conversation.status === "queued"
          ? t("inbox.reply.takeFirst")
          : t("inbox.reply.notYours", { name: conversation.assignee?.name ?? "" })
        : !windowOpen
          ? t("inbox.reply.windowClosed")
          : null;

  const length = [...text.trim()].length;
  const tooLong = length > maxLength;

  function send() {
    const body = text.trim();
    if (!body || tooLong || blocked) return;
    setText("");
    onSend(body).catch(() => setText((current) => current || body));
  }

  if (blocked) {
    return (
      <div className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="reply-blocked" role="note">
        {blocked}
      </div>
    );
  }

  const remaining = closesAt - now;
  return (
    <form
      className="border-t border-slate-200 bg-white px-3 py-2 sm:px-4"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {remaining < 3 * 3600 * 1000 && (
        <p className="pb-1 text-xs text-amber-700" data-testid="window-closing">
          {t("inbox.reply.windowClosesIn", { time: formatDuration(remaining, t) })}
        </p>
      )}
      <div className="flex items-end gap-2">
        <label htmlFor={REPLY_BOX_ID} className="sr-only">
          {t("inbox.reply.label")}
        </label>
        <textarea
          id={REPLY_BOX_ID}
          ref={area}
          rows={1}
          value={text}
          placeholder={t("inbox.reply.placeholder")}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          aria-invalid={tooLong}
          aria-describedby={tooLong ? `${REPLY_BOX_ID}-length` : undefined}
          className="max-h-40 min-h-10 flex-1 resize-none rounded-lg border border-slate-300 px-3 py-2 text-sm leading-5 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
        <Button type="submit" kind="primary" disabled={!text.trim() || tooLong} className="shrink-0">
          {t("inbox.reply.send")}
        </Button>
      </div>
      {length > maxLength * 0.9 && (
        <p id={`${REPLY_BOX_ID}-length`} className={`pt-1 text-right text-xs ${tooLong ? "text-red-700" : "text-slate-500"}`}>
          {t("inbox.reply.length", { count: length, max: maxLength })}
        </p>
      )}
    </form>
  );
}
