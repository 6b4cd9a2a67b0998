// "42s", "7 min", "1 h 5 min", "2 d 3 h": how long someone waited, in the user's language.
import type { Translate } from "@/lib/i18n/translate";

export function formatDuration(ms: number, t: Translate): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t("groups.time.seconds", { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("groups.time.minutes", { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("groups.time.hours", { h: hours, m: minutes % 60 });
  return t("groups.time.days", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** "just now" under ten seconds, else "7 min ago"; empty while the clock is not known yet. */
export function timeAgo(iso: string, now: number | null, t: Translate): string {
  if (now === null) return "";
  const ms = now - Date.parse(iso);
  return ms < 10_000 ? t("groups.time.justNow") : t("groups.time.ago", { time: formatDuration(ms, t) });
}

/** How long since a moment, for waits: "" while the clock is not known yet. */
export function elapsed(iso: string, now: number | null, t: Translate): string {
  return now === null ? "" : formatDuration(now - Date.parse(iso), t);
}
