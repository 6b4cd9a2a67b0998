"use client";

// The reply box: Enter sends, Shift+Enter adds a line. Two modes: Reply (to the contact,
// on WhatsApp) and Note (a private note for the team, amber, never sent). "/" opens the
// canned replies, filled for this contact and agent; in a note "@" mentions a colleague
// (those who may not see the conversation are marked: they will not be told). When
// replying is not possible it says why: the conversation is closed, not yours, or
// WhatsApp's 24-hour window has closed (free-form replies only within 24 h).
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
import { ComposerMenu, foldText, triggerAt, useMenuKeys, type MenuItem, type Trigger } from "./composer-menu";
import { useCannedChoices, useMentionCandidates } from "./tool-queries";

export const REPLY_BOX_ID = "reply-box";

type Mode = "reply" | "note";

// Drafts survive switching between conversations (not a reload).
const drafts = new Map<string, string>();

type Props = {
  conversation: ConversationDetail;
  maxLength: number;
  onSend: (body: string) => Promise<unknown>;
  onNote: (body: string, mentions: number[]) => Promise<unknown>;
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

export function ReplyBox({ conversation, maxLength, onSend, onNote, onSendFile, onSendTemplate }: Props) {
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
  const [mode, setMode] = useState<Mode>("reply");
  const draftKey = `${conversation.id}:${mode}`;
  const [text, setText] = useState(() => drafts.get(`${conversation.id}:reply`) ?? "");
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    drafts.set(draftKey, text);
  }, [draftKey, text]);

  // Grows with its content, up to about six lines.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text, mode]);

  const trigger = triggerAt(text, caret, mode === "note" ? ["/", "@"] : ["/"]);
  const menuTrigger = trigger && trigger.start !== dismissedAt ? trigger : null;
  const canned = useCannedChoices(conversation.id, menuTrigger?.char === "/");
  const people = useMentionCandidates(conversation.id, mode === "note");

  const menuItems = menuItemsFor(menuTrigger, canned.data ?? [], people.data ?? [], t("note.mention.cannotSee"));
  const keys = useMenuKeys(menuItems.length, `${menuTrigger?.char}${menuTrigger?.start}${menuTrigger?.query}`);

  const closesAt = conversation.windowClosesAt ? new Date(conversation.windowClosesAt).getTime() : 0;
  const windowOpen = closesAt > now;
  // Who may reply is the server's answer (conversation.can); this only says why not.
  const blocked =
    mode === "note"
      ? null
      : conversation.status === "closed"
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
  const mentioned = (people.data ?? []).filter((p) => picked.includes(p.id) && text.toLowerCase().includes(`@${p.name.toLowerCase()}`));
  const unseen = mentioned.filter((p) => !p.canSee);

  function switchMode(next: Mode) {
    if (next === mode) return;
    setMode(next);
    setText(drafts.get(`${conversation.id}:${next}`) ?? "");
    setPicked([]);
    requestAnimationFrame(() => area.current?.focus());
  }

  function send() {
    const body = text.trim();
    if (file && !blocked && mode === "reply") {
      onSendFile({ conversationId: conversation.id, file, caption: body });
      setFile(null);
      setText("");
      return;
    }
    if (!body || tooLong || blocked) return;
    setText("");
    setPicked([]);
    const sent = mode === "note" ? onNote(body, mentioned.map((p) => p.id)) : onSend(body);
    sent.catch(() => setText((current) => current || body));
  }

  function pick(index: number) {
    if (!menuTrigger) return;
    const inserted =
      menuTrigger.char === "/"
        ? (canned.data ?? []).find((c) => `c${c.id}` === menuItems[index]?.key)?.text
        : (() => {
            const person = (people.data ?? []).find((p) => `p${p.id}` === menuItems[index]?.key);
            if (!person) return undefined;
            setPicked((ids) => [...new Set([...ids, person.id])]);
            return `@${person.name} `;
          })();
    if (inserted === undefined) return;
    const next = text.slice(0, menuTrigger.start) + inserted + text.slice(caret);
    const position = menuTrigger.start + inserted.length;
    setText(next);
    setCaret(position);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(position, position);
    });
  }

  const remaining = closesAt - now;
  const note = mode === "note";
  const menuId = menuTrigger?.char === "@" ? "mention" : "canned";
  return (
    <form
      className={`relative border-t px-3 py-2 sm:px-4 ${note ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"} ${dragging ? "ring-2 ring-brand-400 ring-inset" : ""}`}
      data-testid="reply-form"
      data-mode={mode}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (note || blocked || !e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (note || blocked || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        setDragging(false);
        attach(e.dataTransfer.files[0]);
      }}
    >
      {dragging && (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center bg-brand-50/90 text-sm font-medium text-brand-800">{t("media.dropHere")}</p>
      )}
      <div className="flex items-center gap-1 pb-1.5" role="tablist" aria-label={t("inbox.reply.label")}>
        {(["reply", "note"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => switchMode(m)}
            data-testid={`mode-${m}`}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ${
              mode === m ? (m === "note" ? "bg-amber-200 text-amber-900" : "bg-brand-100 text-brand-800") : "text-slate-500 hover:bg-slate-100"
            }`}
          >
            {t(m === "note" ? "note.mode.note" : "note.mode.reply")}
          </button>
        ))}
        {!note && !blocked && remaining < 3 * 3600 * 1000 && (
          <p className="ml-auto text-xs text-amber-700" data-testid="window-closing">
            {t("inbox.reply.windowClosesIn", { time: formatDuration(remaining, t) })}
          </p>
        )}
      </div>
      {blocked ? (
        <div className="flex flex-wrap items-center gap-2 py-1.5 text-sm text-slate-600" data-testid="reply-blocked" role="note">
          <span className="min-w-0 flex-1">{blocked}</span>
          {/* Only the window is closed: a template is the way to write first. */}
          {conversation.status !== "closed" && conversation.can.reply && !windowOpen && (
            <Button kind="primary" size="sm" onClick={() => setTemplates(true)} data-testid="template-open">
              {t("template.open")}
            </Button>
          )}
          {templates && <TemplateDialog conversationId={conversation.id} onClose={() => setTemplates(false)} onSend={(choice) => onSendTemplate({ conversationId: conversation.id, ...choice })} />}
        </div>
      ) : (
        <>
          {file && !note && (
            <div className="mb-1.5 flex items-center gap-2 rounded-lg bg-slate-100 px-2.5 py-1.5 text-xs text-slate-700" data-testid="attachment">
              <Paperclip className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
              <span className="min-w-0 flex-1 truncate font-medium">{file.name}</span>
              <span className="shrink-0 text-slate-500">{formatBytes(file.size, locale)}</span>
              <button type="button" onClick={() => setFile(null)} className="rounded p-0.5 hover:bg-black/10" aria-label={t("media.remove")}>
                <X className="h-3.5 w-3.5" aria-hidden="true" />
              </button>
            </div>
          )}
          {fileError && !note && (
            <p className="mb-1.5 text-xs text-red-700" role="alert" data-testid="attachment-error">
              {t(fileError)}
            </p>
          )}
          <div className="relative flex items-end gap-2">
            {menuTrigger && (menuTrigger.char === "/" ? canned.data : people.data) && (
              <ComposerMenu
                id={menuId}
                label={t(menuId === "canned" ? "canned.menu.label" : "note.mention.menu")}
                items={menuItems}
                active={keys.active}
                empty={t("canned.menu.none", { query: menuTrigger.query })}
                hint={t("canned.menu.hint")}
                onPick={pick}
                onHover={keys.setActive}
              />
            )}
            {!note && (
              <>
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
              </>
            )}
            <label htmlFor={REPLY_BOX_ID} className="sr-only">
              {t(note ? "note.label" : "inbox.reply.label")}
            </label>
            <textarea
              id={REPLY_BOX_ID}
              ref={area}
              rows={1}
              value={text}
              placeholder={t(note ? "note.placeholder" : file ? "media.caption" : "inbox.reply.placeholder")}
              onPaste={(e) => {
                if (note || e.clipboardData.files.length === 0) return;
                e.preventDefault();
                attach(e.clipboardData.files[0]);
              }}
              onChange={(e) => {
                setText(e.target.value);
                setCaret(e.target.selectionStart);
              }}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={(e) => {
                if (e.nativeEvent.isComposing) return;
                if (menuTrigger && menuItems.length > 0) {
                  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                    e.preventDefault();
                    keys.move(e.key === "ArrowDown" ? 1 : -1);
                    return;
                  }
                  if (e.key === "Enter" || e.key === "Tab") {
                    e.preventDefault();
                    pick(keys.active);
                    return;
                  }
                }
                if (menuTrigger && e.key === "Escape") {
                  e.preventDefault();
                  e.stopPropagation();
                  setDismissedAt(menuTrigger.start);
                  return;
                }
                if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
                  e.preventDefault();
                  send();
                }
              }}
              aria-controls={menuTrigger ? menuId : undefined}
              aria-activedescendant={menuTrigger && menuItems.length > 0 ? `${menuId}-${keys.active}` : undefined}
              aria-autocomplete="list"
              aria-invalid={tooLong}
              aria-describedby={tooLong ? `${REPLY_BOX_ID}-length` : undefined}
              className={`max-h-40 min-h-10 flex-1 resize-none rounded-lg border px-3 py-2 text-sm leading-5 focus:ring-2 focus:outline-none ${
                note ? "border-amber-300 bg-white focus:border-amber-500 focus:ring-amber-100" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"
              }`}
            />
            <Button type="submit" kind={note ? "dark" : "primary"} disabled={file && !note ? false : !text.trim() || tooLong} className="shrink-0" data-testid="reply-send">
              {t(note ? "note.send" : file ? "media.send" : "inbox.reply.send")}
            </Button>
          </div>
          {unseen.length > 0 && (
            <p className="pt-1 text-xs text-amber-800" role="status" data-testid="mention-not-delivered">
              {t("note.mentionsNotDelivered", { names: unseen.map((p) => p.name).join(", ") })}
            </p>
          )}
          {length > maxLength * 0.9 && (
            <p id={`${REPLY_BOX_ID}-length`} className={`pt-1 text-right text-xs ${tooLong ? "text-red-700" : "text-slate-500"}`}>
              {t("inbox.reply.length", { count: length, max: maxLength })}
            </p>
          )}
        </>
      )}
    </form>
  );
}

type CannedChoice = { id: number; shortcut: string; text: string };
type Person = { id: number; name: string; canSee: boolean };

/** The menu's items for the trigger: canned replies by shortcut or text, people by name (who may see first). */
function menuItemsFor(trigger: Trigger | null, canned: CannedChoice[], people: Person[], cannotSee: string): MenuItem[] {
  if (!trigger) return [];
  const query = foldText(trigger.query);
  if (trigger.char === "/") {
    const byShortcut = canned.filter((c) => foldText(c.shortcut).startsWith(query));
    const byText = canned.filter((c) => !byShortcut.includes(c) && (foldText(c.shortcut).includes(query) || foldText(c.text).includes(query)));
    return [...byShortcut, ...byText].slice(0, 8).map((c) => ({ key: `c${c.id}`, label: `/${c.shortcut}`, detail: c.text }));
  }
  return people
    .filter((p) => foldText(p.name).split(/\s+/).some((word) => word.startsWith(query)) || foldText(p.name).startsWith(query))
    .slice(0, 8)
    .map((p) => ({ key: `p${p.id}`, label: p.name, detail: p.canSee ? undefined : cannotSee, muted: !p.canSee }));
}
