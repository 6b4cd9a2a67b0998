"use client";

// A message's file in the thread (docs/behaviour.md#the-inbox "Media"): photos and stickers inline with a
// viewer, voice notes and audio with a player (duration, speed 1×/1.5×/2×), video with
// a player, documents with name, size and download. The bytes come from
// /api/v1/media/{id} (ranges, so players seek); until the download from Meta is done a
// placeholder shows, and a failure says what Meta answered.
import { useEffect, useRef, useState } from "react";
import { AlertTriangle, Download, File as FileIcon, Loader2, Pause, Play, X } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import { useDismiss } from "@/components/ui/dialog";
import type { ThreadMedia } from "@/lib/inbox/types";

export const mediaUrl = (id: number, download = false) => `/api/v1/media/${id}${download ? "?download=1" : ""}`;

export function MediaAttachment({ type, media, voice, label }: { type: string; media: ThreadMedia; voice: boolean; label: string }) {
  const { t } = useI18n();
  if (media.state !== "ready") {
    const failed = media.state === "failed" && !media.retrying;
    return (
      <div
        className={`flex items-center gap-2 rounded-lg p-2.5 text-xs ${failed ? "bg-red-50 text-red-800" : "bg-black/5 text-slate-600"}`}
        data-testid="media-state"
        data-state={failed ? "failed" : "waiting"}
      >
        {failed ? <AlertTriangle className="h-4 w-4 shrink-0" aria-hidden="true" /> : <Loader2 className="h-4 w-4 shrink-0 animate-spin" aria-hidden="true" />}
        <span className="min-w-0">
          <span className="block font-medium">{label}</span>
          {media.filename && <span className="block truncate">{media.filename}</span>}
          <span className="block">{failed ? t("media.failed") : media.state === "failed" ? t("media.retrying") : t("media.downloading")}</span>
          {failed && media.failureReason && <span className="block break-words">{t("media.failedReason", { reason: media.failureReason })}</span>}
        </span>
      </div>
    );
  }
  switch (type) {
    case "image":
    case "sticker":
      return <ImageView media={media} sticker={type === "sticker"} label={label} />;
    case "audio":
      return <AudioPlayer media={media} voice={voice} label={label} />;
    case "video":
      return (
        <video src={mediaUrl(media.id)} controls preload="metadata" className="max-h-80 w-full max-w-sm rounded-lg bg-black" data-testid="media-video" />
      );
    default:
      return <DocumentCard media={media} label={label} />;
  }
}

function ImageView({ media, sticker, label }: { media: ThreadMedia; sticker: boolean; label: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="block cursor-zoom-in overflow-hidden rounded-lg" aria-label={t("media.openImage")} data-testid="media-image">
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authorized route, not optimizable */}
        <img src={mediaUrl(media.id)} alt={label} className={sticker ? "h-32 w-32 object-contain" : "max-h-72 w-auto max-w-full object-cover"} loading="lazy" />
      </button>
      {open && <Lightbox media={media} label={label} onClose={() => setOpen(false)} />}
    </>
  );
}

function Lightbox({ media, label, onClose }: { media: ThreadMedia; label: string; onClose: () => void }) {
  const { t } = useI18n();
  const close = useRef<HTMLButtonElement>(null);
  useDismiss(onClose);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-50 flex flex-col bg-slate-950/90" role="dialog" aria-modal="true" aria-label={t("media.viewer")} data-testid="media-viewer">
      <div className="flex items-center justify-end gap-2 p-3">
        <a href={mediaUrl(media.id, true)} className="flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm text-white hover:bg-white/10" download>
          <Download className="h-4 w-4" aria-hidden="true" />
          {t("media.download")}
        </a>
        <button ref={close} type="button" onClick={onClose} className="rounded-md p-1.5 text-white hover:bg-white/10" aria-label={t("media.close")}>
          <X className="h-5 w-5" aria-hidden="true" />
        </button>
      </div>
      <button type="button" tabIndex={-1} aria-hidden="true" className="flex min-h-0 flex-1 items-center justify-center p-4" onClick={onClose}>
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authorized route */}
        <img src={mediaUrl(media.id)} alt={label} className="max-h-full max-w-full object-contain" onClick={(e) => e.stopPropagation()} />
      </button>
    </div>
  );
}

const SPEEDS = [1, 1.5, 2] as const;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "0:00";
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function AudioPlayer({ media, voice, label }: { media: ThreadMedia; voice: boolean; label: string }) {
  const { t } = useI18n();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play();
    else element.pause();
  };
  const nextSpeed = () => {
    const next = SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length]!;
    setSpeed(next);
    if (audio.current) audio.current.playbackRate = next;
  };

  return (
    <div className="flex w-64 max-w-full items-center gap-2" data-testid="media-audio" data-voice={voice}>
      <audio
        ref={audio}
        src={mediaUrl(media.id)}
        preload="metadata"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onDurationChange={(e) => setDuration(e.currentTarget.duration)}
      />
      <button
        type="button"
        onClick={toggle}
        className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand-600 text-white hover:bg-brand-700"
        aria-label={`${playing ? t("media.pause") : t("media.play")}: ${label}`}
        data-testid="media-play"
      >
        {playing ? <Pause className="h-4 w-4" aria-hidden="true" /> : <Play className="h-4 w-4 translate-x-px" aria-hidden="true" />}
      </button>
      <div className="flex min-w-0 flex-1 flex-col">
        <input
          type="range"
          min={0}
          max={Number.isFinite(duration) && duration > 0 ? duration : 0}
          step="any"
          value={position}
          onChange={(e) => {
            const to = Number(e.target.value);
            if (audio.current) audio.current.currentTime = to;
            setPosition(to);
          }}
          className="w-full accent-brand-600"
          aria-label={label}
        />
        <span className="text-[11px] text-slate-500 tabular-nums" data-testid="media-time">
          {clock(position)} / {clock(duration)}
        </span>
      </div>
      <button
        type="button"
        onClick={nextSpeed}
        className="shrink-0 rounded-full bg-black/10 px-2 py-0.5 text-[11px] font-semibold tabular-nums hover:bg-black/15"
        aria-label={t("media.speed")}
        data-testid="media-speed"
      >
        {speed}×
      </button>
    </div>
  );
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

function DocumentCard({ media, label }: { media: ThreadMedia; label: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="flex items-center gap-3 rounded-lg bg-black/5 p-2.5" data-testid="media-document">
      <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-white/80 text-slate-500">
        <FileIcon className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium">{media.filename ?? label}</span>
        <span className="block text-[11px] text-slate-500">
          {media.size !== null && formatBytes(media.size, locale)}
          {media.mimeType && ` · ${media.mimeType.split(";")[0]}`}
        </span>
      </span>
      <a
        href={mediaUrl(media.id, true)}
        download={media.filename ?? true}
        className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-slate-600 hover:bg-black/10"
        aria-label={`${t("media.download")}: ${media.filename ?? label}`}
        data-testid="media-download"
      >
        <Download className="h-4 w-4" aria-hidden="true" />
      </a>
    </div>
  );
}
