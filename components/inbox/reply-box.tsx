"use client";

// The reply box: Enter sends, Shift+Enter adds a line. When replying is not possible it
// says why instead: the conversation is closed, not yours, or WhatsApp's 24-hour window
// has closed (free-form replies only within 24 h of the contact's last message).
import { useEffect, useRef, useState } from "react";
import { Paperclip, X } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import type { MessageKey } from "@/lib/i18n/translate";
import type { ConversationDetail } from "@/lib/inbox/types";
import { MEDIA_LIMITS, mediaRefusal, OUTBOUND_MEDIA_TYPES, outboundTypeOf } from "@/lib/media/limits";
import { formatBytes } from "./media-attachment";
import { TemplateDialog } from "./template-dialog";
import type { FileToSend, TemplateToSend } from "./use-send-file";
import { formatDuration } from "@/components/ui/duration";
import { useNow } from "@/components/ui/use-now";

export const REPLY_BOX_ID = "reply-box";

// Drafts survive switching between conversations (not a reload).
const drafts = new Map<number, string>();

type Props = {
  conversation: ConversationDetail;
  maxLength: number;
  onSend: (body: string) => Promise<unknown>;
  onSendFile: (send: FileToSend) => void;
  onSendTemplate: (send: TemplateToSend) => void;
};

const ACCEPT = OUTBOUND_MEDIA_TYPES.flatMap((type) => MEDIA_LIMITS[type].mimeTypes).join(",");

/** Why WhatsApp would refuse this file (a catalog key), checked before anything is uploaded. */
function fileRefusal(file: File): MessageKey | null {
  const type = outboundTypeOf(file.type);
  if (!type) return "media.invalid.type";
  return mediaRefusal(type, file.type, file.size) === "size" ? (`media.invalid.tooLarge.${type}` as MessageKey) : null;
}

export function ReplyBox({ conversation, maxLength, onSend, onSendFile, onSendTemplate }: Props) {
  const { t, locale } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<MessageKey | null>(null);
  const [dragging, setDragging] = useState(false);
  const [templates, setTemplates] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const attach = (chosen: File | null | undefined) => {
    if (!chosen) return;
    const refusal = fileRefusal(chosen);
    setFileError(refusal);
    setFile(refusal ? null : chosen);
  };
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
    if (file && !blocked) {
      onSendFile({ conversationId: conversation.id, file, caption: body });
      setFile(null);
      setText("");
      return;
    }
    if (!body || tooLong || blocked) return;
    setText("");
    onSend(body).catch(() => setText((current) => current || body));
  }

  if (blocked) {
    // Only the window is closed: a template is the way to write first.
    const templateAllowed = conversation.status !== "closed" && conversation.can.reply && !windowOpen;
    return (
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="reply-blocked" role="note">
        <span className="min-w-0 flex-1">{blocked}</span>
        {templateAllowed && (
          <Button kind="primary" size="sm" onClick={() => setTemplates(true)} data-testid="template-open">
            {t("template.open")}
          </Button>
        )}
        {templates && <TemplateDialog conversationId={conversation.id} onClose={() => setTemplates(false)} onSend={(choice) => onSendTemplate({ conversationId: conversation.id, ...choice })} />}
      </div>
    );
  }

  const remaining = closesAt - now;
  return (
    <form
      className={`relative border-t border-slate-200 bg-white px-3 py-2 sm:px-4 ${dragging ? "ring-2 ring-brand-400 ring-inset" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        setDragging(false);
        attach(e.dataTransfer.files[0]);
      }}
      data-testid="reply-form"
    >
      {dragging && (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center bg-brand-50/90 text-sm font-medium text-brand-800">{t("media.dropHere")}</p>
      )}
      {file && (
        <div className="mb-1.5 flex items-center gap-2 rounded-lg bg-slate-100 px-2.5 py-1.5 text-xs text-slate-700" data-testid="attachment">
          <Paperclip className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
          <span className="min-w-0 flex-1 truncate font-medium">{file.name}</span>
          <span className="shrink-0 text-slate-500">{formatBytes(file.size, locale)}</span>
          <button type="button" onClick={() => setFile(null)} className="rounded p-0.5 hover:bg-black/10" aria-label={t("media.remove")}>
            <X className="h-3.5 w-3.5" aria-hidden="true" />
          </button>
        </div>
      )}
      {fileError && (
        <p className="mb-1.5 text-xs text-red-700" role="alert" data-testid="attachment-error">
          {t(fileError)}
        </p>
      )}
      {remaining < 3 * 3600 * 1000 && (
        <p className="pb-1 text-xs text-amber-700" data-testid="window-closing">
          {t("inbox.reply.windowClosesIn", { time: formatDuration(remaining, t) })}
        </p>
      )}
      <div className="flex items-end gap-2">
        <input
          ref={picker}
          type="file"
          accept={ACCEPT}
          className="hidden"
          data-testid="attach-input"
          onChange={(e) => {
            attach(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
        <button
          type="button"
          onClick={() => picker.current?.click()}
          className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-700"
          aria-label={t("media.attach")}
          title={t("media.attach")}
          data-testid="attach"
        >
          <Paperclip className="h-5 w-5" aria-hidden="true" />
        </button>
        <label htmlFor={REPLY_BOX_ID} className="sr-only">
          {t("inbox.reply.label")}
        </label>
        <textarea
          id={REPLY_BOX_ID}
          ref={area}
          rows={1}
          value={text}
          placeholder={file ? t("media.caption") : t("inbox.reply.placeholder")}
          onChange={(e) => setText(e.target.value)}
          onPaste={(e) => {
            if (e.clipboardData.files.length === 0) return;
            e.preventDefault();
            attach(e.clipboardData.files[0]);
          }}
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
        <Button type="submit" kind="primary" disabled={file ? false : !text.trim() || tooLong} className="shrink-0">
          {file ? t("media.send") : t("inbox.reply.send")}
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
