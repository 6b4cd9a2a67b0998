"use client";

// A group's business hours (docs/behaviour.md#entry-menu): on or off, the time zone, each day's intervals
// as text ("09:00-12:00, 13:00-18:00"), holidays and the out-of-hours message. The
// draft is read with the server's own schema and the state it gives now is shown live.
import { useState } from "react";
import { saveGroupSettings } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { describeActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice, type CardNoticeProps } from "@/components/ui/field";
import type { BusinessHours } from "@/db/schema";
import type { GroupDetails } from "@/lib/groups";
import { hoursNow } from "@/lib/groups/hours-now";
import type { MessageKey } from "@/lib/i18n/messages";
import { businessHoursSchema } from "@/lib/routing/business-hours";
import { HoursBadge } from "./hours-badge";
import { useRefreshGroup } from "./use-refresh-group";

const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const DEFAULT_ZONE = "America/Sao_Paulo";

const dayText = (hours: BusinessHours | null, day: number) =>
  (hours?.intervals ?? (day >= 1 && day <= 5 ? [{ day, start: "09:00", end: "18:00" }] : []))
    .filter((i) => i.day === day)
    .map((i) => `${i.start}-${i.end}`)
    .join(", ");

/** "09:00-12:00, 13:00-18:00" → intervals; null when a piece is not start-end. */
function parseDay(day: number, text: string): BusinessHours["intervals"] | null {
  const pieces = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  const intervals: BusinessHours["intervals"] = [];
  for (const piece of pieces) {
    const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(piece);
    if (!match) return null;
    const pad = (time: string) => time.padStart(5, "0");
    intervals.push({ day, start: pad(match[1]!), end: pad(match[2]!) });
  }
  return intervals;
}

function zones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [DEFAULT_ZONE];
  }
}

export function BusinessHoursForm({ group, notice, onNotice }: { group: GroupDetails["group"] } & CardNoticeProps) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(group.id);
  const saved = group.businessHours;
  const [enabled, setEnabled] = useState(saved !== null);
  const [timeZone, setTimeZone] = useState(saved?.timeZone ?? DEFAULT_ZONE);
  const [days, setDays] = useState<Record<number, string>>(() => Object.fromEntries(DAYS.map((d) => [d, dayText(saved, d)])));
  const [holidays, setHolidays] = useState((saved?.holidays ?? []).join("\n"));
  const [message, setMessage] = useState(group.outOfHoursMessage ?? "");
  const [busy, setBusy] = useState(false);

  const parsedDays = DAYS.map((d) => ({ day: d, intervals: parseDay(d, days[d] ?? "") }));
  const draft = {
    timeZone: timeZone.trim(),
    intervals: parsedDays.flatMap((d) => d.intervals ?? []),
    holidays: holidays.split(/\s+/).map((h) => h.trim()).filter(Boolean),
  };
  const parsed = businessHoursSchema.safeParse(draft);
  const issueOf = (path: (i: { path: PropertyKey[] }) => boolean) => {
    const found = parsed.success ? undefined : parsed.error.issues.find(path);
    return found ? t(found.message as MessageKey) : undefined;
  };
  const zoneError = issueOf((i) => i.path[0] === "timeZone");
  const hoursError = parsedDays.some((d) => d.intervals === null) ? t("groups.invalid.hours") : issueOf((i) => i.path[0] === "intervals");
  const holidayError = issueOf((i) => i.path[0] === "holidays");
  const valid = !enabled || (parsed.success && !hoursError);
  const id = (name: string) => `hours-${group.id}-${name}`;

  async function save() {
    setBusy(true);
    onNotice(null);
    // The version the page holds now: this card's two settings are merged into the group's row.
    const result = await saveGroupSettings({ groupId: group.id, version: group.version, businessHours: enabled ? draft : null, outOfHoursMessage: message });
    setBusy(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      return onNotice({ tone: "error", text: Object.values(described.fields)[0] ?? described.message });
    }
    onNotice({ tone: "success", text: t("routing.hours.saved") });
    await refresh();
  }

  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby={id("title")} data-testid="business-hours">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id("title")} className="text-base font-semibold">
          {t("routing.hours.title")}
        </h2>
        {enabled && parsed.success && <HoursBadge hours={hoursNow(draft, new Date())} />}
      </div>
      <p className="text-xs text-slate-600">{t("routing.hours.intro")}</p>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="hours-enabled" />
        {t("routing.hours.enabled")}
      </label>
      {enabled && (
        <>
          <FormField id={id("zone")} label={t("routing.hours.timeZone")} error={zoneError}>
            <input className={inputClass} list={id("zones")} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} {...describedBy(id("zone"), zoneError, false)} />
            <datalist id={id("zones")}>
              {zones().map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </FormField>
          <div className="grid gap-2 sm:grid-cols-[9rem_minmax(0,1fr)] sm:items-center">
            {DAYS.map((day) => (
              <div key={day} className="contents">
                <label htmlFor={id(`day-${day}`)} className="text-sm text-slate-700">
                  {t(`routing.hours.day.${day}`)}
                </label>
                <input
                  id={id(`day-${day}`)}
                  className={inputClass}
                  value={days[day] ?? ""}
                  placeholder="—"
                  aria-invalid={parsedDays.find((d) => d.day === day)?.intervals === null ? true : undefined}
                  onChange={(e) => setDays((all) => ({ ...all, [day]: e.target.value }))}
                  data-testid={`hours-day-${day}`}
                />
              </div>
            ))}
          </div>
          <p className={`text-xs ${hoursError ? "font-medium text-red-600" : "text-slate-500"}`}>{hoursError ?? t("routing.hours.dayHint")}</p>
          <FormField id={id("holidays")} label={t("routing.hours.holidays")} hint={t("routing.hours.holidaysHint")} error={holidayError}>
            <textarea className={inputClass} rows={2} value={holidays} onChange={(e) => setHolidays(e.target.value)} {...describedBy(id("holidays"), holidayError)} />
          </FormField>
        </>
      )}
      <FormField id={id("message")} label={t("routing.hours.outOfHours")} hint={t("routing.hours.outOfHoursHint")}>
        <textarea className={inputClass} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} {...describedBy(id("message"), undefined)} data-testid="out-of-hours-message" />
      </FormField>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" disabled={busy || !valid} onClick={() => void save()} data-testid="hours-save">
          {t("routing.hours.save")}
        </Button>
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      </div>
    </section>
  );
}
