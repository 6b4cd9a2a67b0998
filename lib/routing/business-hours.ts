// A group's business hours (docs/behaviour.md#entry-menu): a weekly schedule in an IANA time zone, with
// holidays. Every local time is turned into an instant by @date-fns/tz (TZDate), never
// by hand, so daylight-saving changes and midnight fall where the time-zone database says.
// Pure and importable by the browser (the settings preview, the board).
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { BusinessHours } from "@/db/schema";

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

/** What a manager may save; messages are catalog keys. */
// Strict, to the intervals: a field a save does not know is refused, naming it (SPEC §10 "Strict").
export const businessHoursSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, "groups.invalid.timeZone"),
  intervals: z
    .array(
      z
        .strictObject({
          day: z.number().int().min(0, "groups.invalid.hours").max(6, "groups.invalid.hours"),
          start: z.string().regex(TIME, "groups.invalid.hours"),
          end: z.string().regex(TIME, "groups.invalid.hours"),
        })
        .refine((i) => i.start !== i.end, "groups.invalid.hours"),
    )
    .max(70, "groups.invalid.hours"),
  holidays: z.array(z.string().regex(DATE, "groups.invalid.holiday")).max(366, "groups.invalid.holiday"),
});

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The local calendar date of an instant in the zone, "YYYY-MM-DD". */
export function localDate(instant: Date, timeZone: string): string {
  const d = new TZDate(instant.getTime(), timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

type Span = { start: number; end: number };

/**
 * The opening spans (epoch ms) whose local start day lies within `days` days around
 * the instant, holidays left out (an interval belongs to the date it starts on), merged.
 */
function openSpans(hours: BusinessHours, around: Date, daysBefore: number, daysAfter: number): Span[] {
  const { timeZone } = hours;
  const here = new TZDate(around.getTime(), timeZone);
  const holidays = new Set(hours.holidays);
  const spans: Span[] = [];
  for (let offset = -daysBefore; offset <= daysAfter; offset++) {
    // Noon of the day: never inside a DST gap, so its calendar date is the day's.
    const day = new TZDate(here.getFullYear(), here.getMonth(), here.getDate() + offset, 12, 0, timeZone);
    const date = localDate(day, timeZone);
    if (holidays.has(date)) continue;
    for (const interval of hours.intervals) {
      if (interval.day !== day.getDay()) continue;
      const startMinutes = minutesOf(interval.start);
      const endMinutes = minutesOf(interval.end);
      const at = (dayShift: number, minutes: number) =>
        new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + dayShift, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
      const start = at(0, startMinutes);
      // An end at or before the start is on the next day (22:00–02:00).
      const end = endMinutes > startMinutes ? at(0, endMinutes) : at(1, endMinutes);
      if (end > start) spans.push({ start, end });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export type OpenState = {
  open: boolean;
  /** When it next opens or closes; null when it never will (no intervals, or open all week round). */
  nextChange: Date | null;
};

/** Whether the group is open at the instant, and when that next changes. No schedule = always open. */
export function openStateAt(hours: BusinessHours | null | undefined, instant: Date): OpenState {
  if (!hours) return { open: true, nextChange: null };
  const now = instant.getTime();
  // Two weeks ahead covers a week of holidays after a closed weekend; one day back an overnight interval.
  const spans = openSpans(hours, instant, 1, 15);
  const current = spans.find((s) => s.start <= now && now < s.end);
  if (current) {
    const endsFar = current.end >= new TZDate(now, hours.timeZone).getTime() + 14 * 86_400_000;
    return { open: true, nextChange: endsFar ? null : new Date(current.end) };
  }
  const next = spans.find((s) => s.start > now);
  return { open: false, nextChange: next ? new Date(next.start) : null };
}

export const isOpenAt = (hours: BusinessHours | null | undefined, instant: Date) => openStateAt(hours, instant).open;
