"use client";

// Open or closed by the group's business hours, and when that next changes, in the
// viewer's language and clock. Nothing for a group without a schedule (always open).
import { useI18n } from "@/components/i18n-provider";
import type { HoursNow } from "@/lib/groups/hours-now";

export function HoursBadge({ hours }: { hours: HoursNow }) {
  const { t, locale } = useI18n();
  if (!hours.scheduled) return null;
  const when = hours.nextChange
    ? new Date(hours.nextChange).toLocaleString(locale, { weekday: "short", hour: "2-digit", minute: "2-digit" })
    : null;
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${
        hours.open ? "bg-emerald-50 text-emerald-800 ring-emerald-100" : "bg-slate-100 text-slate-700 ring-slate-200"
      }`}
      data-testid="group-hours"
      data-open={hours.open}
    >
      {t(hours.open ? "routing.hours.open" : "routing.hours.closed")}
      {when && <span className="font-normal">· {t(hours.open ? "routing.hours.closesAt" : "routing.hours.opensAt", { when })}</span>}
    </span>
  );
}
