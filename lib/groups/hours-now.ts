// A group's business hours at an instant, as the screens show them (the list, the board,
// the settings preview). Importable by the browser.
import type { BusinessHours } from "@/db/schema";
import { openStateAt } from "@/lib/routing/business-hours";

/** Open or closed now, and when that next changes (ISO; null = never); unscheduled = always open. */
export type HoursNow = { scheduled: boolean; open: boolean; nextChange: string | null };

export function hoursNow(businessHours: BusinessHours | null, now: Date): HoursNow {
  const state = openStateAt(businessHours, now);
  return { scheduled: businessHours !== null, open: state.open, nextChange: state.nextChange?.toISOString() ?? null };
}
