// Numbers, instants and durations of the report in the reader's language and time zone.
import { formatDuration } from "@/components/ui/duration";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";

export function formatters(locale: Locale, t: Translate) {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const hour = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const dayHour = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
  const day = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "short" });
  const longDay = new Intl.DateTimeFormat(locale, { weekday: "short", day: "2-digit", month: "short", year: "numeric" });
  return {
    integer: (n: number) => integer.format(n),
    decimal: (n: number) => decimal.format(n),
    /** Seconds as "42s", "7 min", "1 h 5 min"; "—" for null (a median of nothing). */
    seconds: (s: number | null | undefined) => (s === null || s === undefined ? t("reports.none") : formatDuration(Math.round(s) * 1000, t)),
    hours: (s: number) => decimal.format(s / 3600),
    /** An instant on a time axis: the hour within a day, or the day. */
    tick: (iso: string, bucket: "hour" | "day", multiDay: boolean) =>
      (bucket === "day" ? day : multiDay ? dayHour : hour).format(new Date(iso)),
    tooltipTime: (iso: string, bucket: "hour" | "day") => (bucket === "day" ? longDay : dayHour).format(new Date(iso)),
    longDay: (date: Date) => longDay.format(date),
    /** A period [from, to): whole days as days (the last one inclusive), else with the minutes. */
    range: (from: Date, to: Date) => {
      const midnight = (d: Date) => d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
      if (midnight(from) && midnight(to)) {
        const last = new Date(to.getTime() - 1);
        return from.toDateString() === last.toDateString() ? longDay.format(from) : `${longDay.format(from)} – ${longDay.format(last)}`;
      }
      return `${dayHour.format(from)} – ${dayHour.format(to)}`;
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;
