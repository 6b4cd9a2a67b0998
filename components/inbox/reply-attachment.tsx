"use client";

// A file to send from the reply box: chosen with the paperclip, dropped or pasted, and
// checked against WhatsApp's types and sizes before anything is uploaded.
import { useRef, useState, type RefObject } from "react";
import { Paperclip, X } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import type { MessageKey } from "@/lib/i18n/translate";
import { MEDIA_LIMITS, mediaRefusal, OUTBOUND_MEDIA_TYPES, outboundTypeOf } from "@/lib/media/limits";
import { formatBytes } from "./media-attachment";

const ACCEPT = OUTBOUND_MEDIA_TYPES.flatMap((type) => MEDIA_LIMITS[type].mimeTypes).join(",");

/** Why WhatsApp would refuse this file (a catalog key), checked before anything is uploaded. */
function fileRefusal(file: File): MessageKey | null {
  const type = outboundTypeOf(file.type);
  if (!type) return "media.invalid.type";
  return mediaRefusal(type, file.type, file.size) === "size" ? (`media.invalid.tooLarge.${type}` as MessageKey) : null;
}

export function useAttachment() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const attach = (chosen: File | null | undefined) => {
    if (!chosen) return;
    const refusal = fileRefusal(chosen);
    setError(refusal);
    setFile(refusal ? null : chosen);
  };
  return { file, error, dragging, setDragging, picker, attach, remove: () => setFile(null) };
}

/** The chosen file (name, size, remove) or why it was refused. */
export function AttachmentNotice({ file, error, onRemove }: { file: File | null; error: MessageKey | null; onRemove: () => void }) {
  const { t, locale } = useI18n();
  return (
    <>
      {file && (
        <div className="mb-1.5 flex items-center gap-2 rounded-lg bg-slate-100 px-2.5 py-1.5 text-xs text-slate-700" data-testid="attachment">
          <Paperclip className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
          <span className="min-w-0 flex-1 truncate font-medium">{file.name}</span>
          <span className="shrink-0 text-slate-500">{formatBytes(file.size, locale)}</span>
          <Button kind="icon" size="sm" onClick={onRemove} aria-label={t("media.remove")}>
            <X className="h-3.5 w-3.5" aria-hidden="true" />
          </Button>
        </div>
      )}
      {error && (
        <p className="mb-1.5 text-xs text-red-700" role="alert" data-testid="attachment-error">
          {t(error)}
        </p>
      )}
    </>
  );
}

/** The paperclip and its hidden file input. */
export function AttachButton({ picker, onChosen }: { picker: RefObject<HTMLInputElement | null>; onChosen: (file: File | undefined) => void }) {
  const { t } = useI18n();
  return (
    <>
      <input
        ref={picker}
        type="file"
        accept={ACCEPT}
        className="hidden"
        data-testid="attach-input"
        onChange={(e) => {
          onChosen(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      <Button kind="icon" className="h-10 w-10 shrink-0" onClick={() => picker.current?.click()} aria-label={t("media.attach")} title={t("media.attach")} data-testid="attach">
        <Paperclip className="h-5 w-5" aria-hidden="true" />
      </Button>
    </>
  );
}
