import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@/db/schema";
import { businessHoursSchema, localDate, openStateAt } from "./business-hours";

const weekdays = (timeZone: string, start: string, end: string, days = [1, 2, 3, 4, 5]): BusinessHours => ({
  timeZone,
  intervals: days.map((day) => ({ day, start, end })),
  holidays: [],
});
const at = (iso: string) => new Date(iso);
const state = (hours: BusinessHours | null, iso: string) => {
  const s = openStateAt(hours, at(iso));
  return { open: s.open, next: s.nextChange?.toISOString() ?? null };
};

describe("business hours", () => {
  it("no schedule is always open", () => {
    expect(state(null, "2026-11-23T03:00:00Z")).toEqual({ open: true, next: null });
  });

  it("opens and closes exactly at the boundaries (São Paulo, UTC−3)", () => {
    const hours = weekdays("America/Sao_Paulo", "09:00", "18:00");
    // Monday 23 Nov 2026.
    expect(state(hours, "2026-11-23T11:59:59.999Z")).toEqual({ open: false, next: "2026-11-23T12:00:00.000Z" });
    expect(state(hours, "2026-11-23T12:00:00Z")).toEqual({ open: true, next: "2026-11-23T21:00:00.000Z" });
    expect(state(hours, "2026-11-23T20:59:59Z").open).toBe(true);
    expect(state(hours, "2026-11-23T21:00:00Z")).toEqual({ open: false, next: "2026-11-24T12:00:00.000Z" });
    // Friday evening → Monday morning.
    expect(state(hours, "2026-11-27T21:00:00Z")).toEqual({ open: false, next: "2026-11-30T12:00:00.000Z" });
  });

  it("several intervals a day", () => {
    const hours: BusinessHours = {
      timeZone: "America/Sao_Paulo",
      intervals: [
        { day: 1, start: "09:00", end: "12:00" },
        { day: 1, start: "13:00", end: "18:00" },
      ],
      holidays: [],
    };
    expect(state(hours, "2026-11-23T15:30:00Z")).toEqual({ open: false, next: "2026-11-23T16:00:00.000Z" });
    expect(state(hours, "2026-11-23T16:00:00Z")).toEqual({ open: true, next: "2026-11-23T21:00:00.000Z" });
  });

  it("an interval across midnight belongs to the day it starts", () => {
    const hours = weekdays("America/Sao_Paulo", "22:00", "02:00", [5]);
    // Friday 27 Nov 22:00 local = Sat 01:00Z; Saturday 01:59 local still open; 02:00 closed.
    expect(state(hours, "2026-11-28T00:59:00Z").open).toBe(false);
    expect(state(hours, "2026-11-28T01:00:00Z")).toEqual({ open: true, next: "2026-11-28T05:00:00.000Z" });
    expect(state(hours, "2026-11-28T04:59:00Z").open).toBe(true);
    expect(state(hours, "2026-11-28T05:00:00Z")).toEqual({ open: false, next: "2026-12-05T01:00:00.000Z" });
    // Local Saturday 01:00 is open, though Saturday has no interval of its own.
    expect(localDate(at("2026-11-28T04:00:00Z"), "America/Sao_Paulo")).toBe("2026-11-28");
  });

  it("follows a daylight-saving change: New York springs forward on 8 Mar 2026", () => {
    const hours = weekdays("America/New_York", "09:00", "17:00");
    // Friday 6 Mar 17:00 EST = 22:00Z; Monday 9 Mar 09:00 EDT = 13:00Z (not 14:00Z).
    expect(state(hours, "2026-03-06T21:59:00Z").open).toBe(true);
    expect(state(hours, "2026-03-06T22:00:00Z")).toEqual({ open: false, next: "2026-03-09T13:00:00.000Z" });
    expect(state(hours, "2026-03-09T12:59:00Z").open).toBe(false);
    expect(state(hours, "2026-03-09T13:00:00Z")).toEqual({ open: true, next: "2026-03-09T21:00:00.000Z" });
    // And falls back on 1 Nov 2026: Monday 2 Nov 09:00 EST = 14:00Z.
    expect(state(hours, "2026-10-30T21:00:00Z")).toEqual({ open: false, next: "2026-11-02T14:00:00.000Z" });
  });

  it("follows São Paulo's historical daylight saving (started 4 Nov 2018 at midnight)", () => {
    const hours = weekdays("America/Sao_Paulo", "09:00", "18:00", [1, 2, 3, 4, 5, 6]);
    // Saturday 3 Nov 2018 closes at 18:00 −03 = 21:00Z; Monday 5 Nov opens at 09:00 −02 = 11:00Z.
    expect(state(hours, "2018-11-03T21:00:00Z")).toEqual({ open: false, next: "2018-11-05T11:00:00.000Z" });
  });

  it("an interval across the missing hour is an hour shorter (Lisbon, 29 Mar 2026)", () => {
    const hours = weekdays("Europe/Lisbon", "00:00", "03:00", [0]);
    // 00:00 WET = 00:00Z; 03:00 WEST = 02:00Z.
    expect(state(hours, "2026-03-29T00:00:00Z")).toEqual({ open: true, next: "2026-03-29T02:00:00.000Z" });
    expect(state(hours, "2026-03-29T01:30:00Z").open).toBe(true);
    expect(state(hours, "2026-03-29T02:00:00Z").open).toBe(false);
  });

  it("holidays are closed all day", () => {
    const hours = { ...weekdays("America/Sao_Paulo", "09:00", "18:00"), holidays: ["2026-12-25"] };
    // Friday 25 Dec 2026: closed; Thursday's close → Monday 28.
    expect(state(hours, "2026-12-25T15:00:00Z").open).toBe(false);
    expect(state(hours, "2026-12-24T21:00:00Z")).toEqual({ open: false, next: "2026-12-28T12:00:00.000Z" });
  });

  it("refuses a bad time zone, time or date with a clear key", () => {
    const bad = businessHoursSchema.safeParse({ timeZone: "Mars/Olympus", intervals: [{ day: 1, start: "25:00", end: "18:00" }], holidays: ["2026-13-01"] });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["groups.invalid.timeZone", "groups.invalid.hours", "groups.invalid.holiday"]));
    expect(businessHoursSchema.safeParse({ timeZone: "Europe/Lisbon", intervals: [{ day: 1, start: "09:00", end: "24:00" }], holidays: [] }).success).toBe(true);
  });
});
