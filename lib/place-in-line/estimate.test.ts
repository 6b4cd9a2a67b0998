import { describe, expect, it } from "vitest";
import { COLD_START_MINUTES_PER_CUSTOMER, estimateMinutes, MAX_TOLD_MINUTES, paceOf, PACE_WINDOW_MINUTES } from "./estimate";

const pace = (assignedInWindow: number, onlineAgents = 0, freePlaces = 0) => ({ assignedInWindow, onlineAgents, freePlaces });

describe("estimateMinutes", () => {
  it("divides the customers ahead by the recent pace, rounding up", () => {
    // 30 assignments in 30 minutes: one a minute.
    expect(estimateMinutes(3, pace(30))).toBe(3);
    // 15 in 30 minutes: one every two minutes.
    expect(estimateMinutes(3, pace(15))).toBe(6);
    // 45 in 30: 1.5 a minute; 4 ahead → 2.67 → 3.
    expect(estimateMinutes(4, pace(45))).toBe(3);
  });

  it("grows with the position and shrinks with the pace", () => {
    expect(estimateMinutes(10, pace(10))).toBeGreaterThan(estimateMinutes(5, pace(10)));
    expect(estimateMinutes(10, pace(60))).toBeLessThan(estimateMinutes(10, pace(10)));
  });

  it("counts the places free under the caps as served at once (at least 1 minute)", () => {
    expect(estimateMinutes(2, pace(30, 2, 2))).toBe(1);
    expect(estimateMinutes(5, pace(30, 2, 2))).toBe(3);
  });

  it("cold start: no assignment in the window assumes one customer per online agent every few minutes", () => {
    expect(paceOf(pace(0, 0)).coldStart).toBe(true);
    expect(estimateMinutes(3, pace(0, 0))).toBe(3 * COLD_START_MINUTES_PER_CUSTOMER);
    expect(estimateMinutes(3, pace(0, 3))).toBe(COLD_START_MINUTES_PER_CUSTOMER);
    expect(paceOf(pace(1)).coldStart).toBe(false);
    expect(paceOf(pace(1)).perMinute).toBeCloseTo(1 / PACE_WINDOW_MINUTES);
  });

  it("never promises more than the ceiling", () => {
    expect(estimateMinutes(1000, pace(1))).toBe(MAX_TOLD_MINUTES);
  });

  it("refuses a position below 1", () => {
    expect(() => estimateMinutes(0, pace(10))).toThrow(RangeError);
  });
});
