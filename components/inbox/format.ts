// How the inbox writes numbers, times and durations, in the reader's language.
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";

/**
 * A WhatsApp id as people write it: +55 11 98765-0001 for Brazil, +digits elsewhere. A
 * contact known only by username or business-scoped user id ("@joana", "BR.1502…") is
 * shown as it is.
 */
export function formatPhone(waId: string): string {
  if (/[^\d\s+()-]/.test(waId)) return waId;
  const digits = waId.replace(/\D/g, "");
  const br = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  if (br) return `+55 ${br[1]} ${br[2]}-${br[3]}`;
  return `+${digits}`;
}

export function initials(name: string | null, fallback: string): string {
  const source = (name ?? "").trim();
  if (!source) return fallback.slice(-2);
  return source
    .split(/\s+/)
    .map((part) => part[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
const dayBefore = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate() - 1);

export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** A time to the second, or to the millisecond when two differ by less (the Why table's tie-break). */
export function formatTimePrecise(iso: string, locale: Locale, precision: "second" | "millisecond" = "second"): string {
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    ...(precision === "millisecond" ? { fractionalSecondDigits: 3 as const } : {}),
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
}

/** In a list: the time today, "Yesterday", the weekday this week, else the date. */
export function formatListTime(iso: string, locale: Locale, now: number, t: Translate): string {
  const date = new Date(iso);
  const today = new Date(now);
  if (sameDay(date, today)) return formatTime(iso, locale);
  if (sameDay(date, dayBefore(today))) return t("inbox.day.yesterday");
  if (now - date.getTime() < 6 * 24 * 3600 * 1000) return new Intl.DateTimeFormat(locale, { weekday: "short" }).format(date);
  return new Intl.DateTimeFormat(locale, { dateStyle: "short" }).format(date);
}

/** The separator above each day of a thread. */
export function formatDay(iso: string, locale: Locale, now: number, t: Translate): string {
  const date = new Date(iso);
  const today = new Date(now);
  if (sameDay(date, today)) return t("inbox.day.today");
  if (sameDay(date, dayBefore(today))) return t("inbox.day.yesterday");
  return new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(date);
}

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}
