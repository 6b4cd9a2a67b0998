// The report's period in the browser's time zone: today, the last 7 or 30 days (today
// included), or custom days (both inclusive). Always whole local days, [from, to).
export const PERIODS = ["today", "7d", "30d", "custom"] as const;
export type PeriodKind = (typeof PERIODS)[number];

export type Period = { kind: PeriodKind; from: Date; to: Date; startDay: string; endDay: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
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

const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

export function isPeriodKind(value: string | null): value is PeriodKind {
  return value !== null && (PERIODS as readonly string[]).includes(value);
}

/** The period the URL asks for; a custom range that makes no sense is null (the page says why). */
export function periodOf(kind: PeriodKind, start: string | null, end: string | null, now = new Date()): Period | null {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
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
