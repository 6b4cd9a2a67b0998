// How long something took or has waited, in the reader's language — one format across
// the product: "45 s", "7 min", "2 h 05 min", "3 d 4 h".
import type { Translate } from "@/lib/i18n/translate";

export function formatDuration(ms: number, t: Translate): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t("time.seconds", { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("time.minutes", { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("time.hours", { h: hours, m: String(minutes % 60).padStart(2, "0") });
  return t("time.days", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** "just now" under ten seconds, else "7 min ago"; empty while the clock is not known yet. */
export function timeAgo(iso: string, now: number | null, t: Translate): string {
  if (now === null) return "";
  const ms = now - Date.parse(iso);
  return ms < 10_000 ? t("time.justNow") : t("time.ago", { time: formatDuration(ms, t) });
}

/** How long since a moment, for waits: "" while the clock is not known yet. */
export function elapsed(iso: string, now: number | null, t: Translate): string {
  return now === null ? "" : formatDuration(now - Date.parse(iso), t);
}
