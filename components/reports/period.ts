// The report's period in the browser's time zone: today, the last 7 or 30 days (today
// included), or custom: days (both inclusive) or any start and end minute
// ("2026-01-31T10:40", the end excluded). Always [from, to).
export const PERIODS = ["today", "7d", "30d", "custom"] as const;
export type PeriodKind = (typeof PERIODS)[number];

export type Period = { kind: PeriodKind; from: Date; to: Date; startDay: string; endDay: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MAX_DAYS = 366;

/** "2026-01-31" of a local date. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a "YYYY-MM-DD" day, or null when it is not one. */
export function midnightOf(day: string | null | undefined): Date | null {
  const match = day ? DAY.exec(day) : null;
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dayOf(date) === day ? date : null;
}

/** "2026-01-31T10:40" of a local instant (what a datetime-local input holds). */
export function minuteOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${dayOf(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The local instant of a "YYYY-MM-DDTHH:MM" minute, or null when it is not one. */
export function instantOf(minute: string | null | undefined): Date | null {
  const match = minute ? MINUTE.exec(minute) : null;
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  return minuteOf(date) === minute ? date : null;
}

const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

export function isPeriodKind(value: string | null): value is PeriodKind {
  return value !== null && (PERIODS as readonly string[]).includes(value);
}

/** The period the URL asks for; a custom range that makes no sense is null (the page says why). */
export function periodOf(kind: PeriodKind, start: string | null, end: string | null, now = new Date()): Period | null {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (kind === "custom" && (start?.includes("T") || end?.includes("T"))) {
    // Minutes: from the start minute to the end minute, the end excluded.
    const from = instantOf(start);
    const to = instantOf(end);
    if (!from || !to || to <= from || to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) return null;
    return { kind, from, to, startDay: minuteOf(from), endDay: minuteOf(to) };
  }
  if (kind === "custom") {
    const from = midnightOf(start);
    const last = midnightOf(end);
    if (!from || !last || last < from) return null;
    const to = addDays(last, 1);
    if (Math.round((to.getTime() - from.getTime()) / 86_400_000) > MAX_DAYS) return null;
    return { kind, from, to, startDay: dayOf(from), endDay: dayOf(last) };
  }
  const days = kind === "today" ? 1 : kind === "7d" ? 7 : 30;
  const from = addDays(today, 1 - days);
  return { kind, from, to: addDays(today, 1), startDay: dayOf(from), endDay: dayOf(today) };
}

/**
 * The compared period the URL asks for (`cmpStart` minute, same length as the period);
 * null: the API's default, the period just before.
 */
export function comparedOf(period: Period, cmpStart: string | null): { from: Date; to: Date } | null {
  const from = instantOf(cmpStart);
  if (!from) return null;
  return { from, to: new Date(from.getTime() + period.to.getTime() - period.from.getTime()) };
}

/**
 * The equal periods either side of a moment inside a period (a settings change), in whole
 * minutes: before ends at the minute the change happened in, after begins at the next
 * minute (or at the change, when it happened on the minute), each as long as the shorter
 * side allows, after not past now. Null when either side is under a minute.
 */
export function aroundMarker(period: { from: Date; to: Date }, marker: Date, now = new Date()): { after: { from: Date; to: Date }; before: { from: Date; to: Date } } | null {
  const floor = Math.floor(marker.getTime() / 60_000) * 60_000;
  const ceil = Math.ceil(marker.getTime() / 60_000) * 60_000;
  const end = Math.min(period.to.getTime(), now.getTime());
  const length = Math.floor(Math.min(floor - period.from.getTime(), end - ceil) / 60_000) * 60_000;
  if (length < 60_000) return null;
  return {
    after: { from: new Date(ceil), to: new Date(ceil + length) },
    before: { from: new Date(floor - length), to: new Date(floor) },
  };
}
