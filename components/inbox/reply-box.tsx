"use client";

// The reply box: Enter sends, Shift+Enter adds a line. Two modes: Reply (to the contact,
// on WhatsApp) and Note (a private note for the team, amber, never sent). "/" opens the
// canned replies, filled for this contact and agent; in a note "@" mentions a colleague
// (those who may not see the conversation are marked: they will not be told). When
// replying is not possible it says why (reply-parts.tsx). The text, its drafts and menus
// are use-composer.ts's; a file to send is reply-attachment.tsx's.
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { useNow } from "@/components/ui/use-now";
import type { ConversationDetail } from "@/lib/inbox/types";
import { ComposerMenu } from "./composer-menu";
import { AttachButton, AttachmentNotice, useAttachment } from "./reply-attachment";
import { BlockedNotice, blockedReason, ModeTabs } from "./reply-parts";
import { useComposer } from "./use-composer";
import type { FileToSend, TemplateToSend } from "./use-send-file";

export const REPLY_BOX_ID = "reply-box";

type Props = {
  conversation: ConversationDetail;
  maxLength: number;
  onSend: (body: string) => Promise<unknown>;
  onNote: (body: string, mentions: number[]) => Promise<unknown>;
  onSendFile: (send: FileToSend) => void;
  onSendTemplate: (send: TemplateToSend) => void;
};

export function ReplyBox({ conversation, maxLength, onSend, onNote, onSendFile, onSendTemplate }: Props) {
  const { t } = useI18n();
  const attachment = useAttachment();
  const { mode, switchMode, text, setText, setCaret, clear, area, length, tooLong, mentioned, menuTrigger, menuItems, menuId, menuReady, keys, pick, onKeyDown } = useComposer(
    conversation.id,
    maxLength,
  );
  // Null only while hydrating, before any conversation is loaded.
  const now = useNow(30_000) ?? 0;
  const closesAt = conversation.windowClosesAt ? new Date(conversation.windowClosesAt).getTime() : 0;
  const windowOpen = closesAt > now;
  const blocked = blockedReason(conversation, mode, windowOpen, t);
  const note = mode === "note";
  const file = note ? null : attachment.file;
  const unseen = mentioned.filter((p) => !p.canSee);

  function send() {
    const body = text.trim();
    if (file && !blocked) {
      onSendFile({ conversationId: conversation.id, file, caption: body });
      attachment.remove();
      setText("");
      return;
    }
    if (!body || tooLong || blocked) return;
    clear();
    const sent = note ? onNote(body, mentioned.map((p) => p.id)) : onSend(body);
    sent.catch(() => setText((current) => current || body));
  }

  return (
    <form
      className={`relative border-t px-3 py-2 sm:px-4 ${note ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"} ${attachment.dragging ? "ring-2 ring-brand-400 ring-inset" : ""}`}
      data-testid="reply-form"
      data-mode={mode}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (note || blocked || !e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        attachment.setDragging(true);
      }}
      onDragLeave={() => attachment.setDragging(false)}
      onDrop={(e) => {
        if (note || blocked || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        attachment.setDragging(false);
        attachment.attach(e.dataTransfer.files[0]);
      }}
    >
      {attachment.dragging && (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center bg-brand-50/90 text-sm font-medium text-brand-800">{t("media.dropHere")}</p>
      )}
      <ModeTabs mode={mode} onSwitch={switchMode} closingIn={!note && !blocked ? closesAt - now : null} />
      {blocked ? (
        <BlockedNotice conversation={conversation} reason={blocked} windowOpen={windowOpen} onSendTemplate={onSendTemplate} />
      ) : (
        <>
          <AttachmentNotice file={file} error={note ? null : attachment.error} onRemove={attachment.remove} />
          <div className="relative flex items-end gap-2">
            {menuTrigger && menuReady && (
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
            {!note && <AttachButton picker={attachment.picker} onChosen={attachment.attach} />}
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
                attachment.attach(e.clipboardData.files[0]);
              }}
              onChange={(e) => {
                setText(e.target.value);
                setCaret(e.target.selectionStart);
              }}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={(e) => onKeyDown(e, send)}
              aria-controls={menuTrigger ? menuId : undefined}
              aria-activedescendant={menuTrigger && menuItems.length > 0 ? `${menuId}-${keys.active}` : undefined}
              aria-autocomplete="list"
              aria-invalid={tooLong}
              aria-describedby={tooLong ? `${REPLY_BOX_ID}-length` : undefined}
              className={`max-h-40 min-h-10 flex-1 resize-none rounded-lg border px-3 py-2 text-sm leading-5 focus-visible:outline-offset-0 ${
                note ? "border-amber-300 bg-white focus:border-amber-600 focus-visible:outline-amber-700" : "border-slate-300 focus:border-brand-600"
              }`}
            />
            <Button type="submit" kind={note ? "dark" : "primary"} disabled={file ? false : !text.trim() || tooLong} className="shrink-0" data-testid="reply-send">
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
