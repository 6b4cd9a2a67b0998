// The page's periods in the browser's time zone: minutes as well as days, and the equal
// periods either side of a settings change (docs/behaviour.md#reports).
import { describe, expect, it } from "vitest";
import { aroundMarker, comparedOf, instantOf, minuteOf, periodOf } from "./period";

describe("custom periods at any minute", () => {
  it("reads start and end minutes, the end excluded", () => {
    const p = periodOf("custom", "2026-12-01T10:40", "2026-12-01T12:05")!;
    expect(p.from).toEqual(new Date(2026, 11, 1, 10, 40));
    expect(p.to).toEqual(new Date(2026, 11, 1, 12, 5));
    expect(minuteOf(p.from)).toBe("2026-12-01T10:40");
  });
  it("still reads whole days, and refuses what makes no sense", () => {
    expect(periodOf("custom", "2026-12-01", "2026-12-01")!.to).toEqual(new Date(2026, 11, 2));
    expect(periodOf("custom", "2026-12-01T12:00", "2026-12-01T11:00")).toBeNull();
    expect(instantOf("2026-02-30T10:00")).toBeNull();
  });
  it("the compared period starts at cmpStart and is as long as the period", () => {
    const p = periodOf("custom", "2026-12-01T10:40", "2026-12-01T12:40")!;
    expect(comparedOf(p, "2026-12-01T08:40")).toEqual({ from: new Date(2026, 11, 1, 8, 40), to: new Date(2026, 11, 1, 10, 40) });
    expect(comparedOf(p, null)).toBeNull();
  });
});

describe("around a marker", () => {
  const period = { from: new Date(2026, 11, 1, 8, 0), to: new Date(2026, 11, 2, 0, 0) };
  it("equal whole-minute periods either side, bounded by the nearer edge and by now", () => {
    const change = new Date(2026, 11, 1, 10, 40, 23);
    const around = aroundMarker(period, change, new Date(2026, 11, 1, 15, 0))!;
    // 2 h 40 min before (from 08:00 to 10:40); after begins 10:41.
    expect(around.before).toEqual({ from: new Date(2026, 11, 1, 8, 0), to: new Date(2026, 11, 1, 10, 40) });
    expect(around.after).toEqual({ from: new Date(2026, 11, 1, 10, 41), to: new Date(2026, 11, 1, 13, 21) });
    const late = aroundMarker(period, new Date(2026, 11, 1, 14, 0), new Date(2026, 11, 1, 15, 0))!;
    expect(late.after).toEqual({ from: new Date(2026, 11, 1, 14, 0), to: new Date(2026, 11, 1, 15, 0) });
    expect(late.before.from).toEqual(new Date(2026, 11, 1, 13, 0));
  });
  it("none when a side is under a minute", () => {
    expect(aroundMarker(period, new Date(2026, 11, 1, 8, 0, 30), new Date(2026, 11, 1, 15, 0))).toBeNull();
  });
});
