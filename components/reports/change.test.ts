import { describe, expect, it } from "vitest";
import { movementOf } from "./change";

describe("movementOf", () => {
  it("colours by what is better for customers", () => {
    expect(movementOf(60, 80, "lower")).toEqual({ kind: "percent", sign: "−", percent: 25, direction: "better" });
    expect(movementOf(100, 80, "lower")).toEqual({ kind: "percent", sign: "+", percent: 25, direction: "worse" });
    expect(movementOf(100, 80, "higher")).toEqual({ kind: "percent", sign: "+", percent: 25, direction: "better" });
    expect(movementOf(188, 239, null)).toEqual({ kind: "percent", sign: "−", percent: 21, direction: "neutral" });
  });

  it("calls a change that rounds to 0 % no change, neither red nor green", () => {
    // 1 h 35 min 02 s against 1 h 35 min 00 s: the page shows the same value twice.
    expect(movementOf(5702, 5700, "lower")).toEqual({ kind: "same" });
    expect(movementOf(5700, 5700, "lower")).toEqual({ kind: "same" });
    expect(movementOf(5730, 5700, "lower")).toEqual({ kind: "percent", sign: "+", percent: 1, direction: "worse" });
  });

  it("from zero, says the amount, not a percentage; without a value, nothing", () => {
    expect(movementOf(3, 0, "lower")).toEqual({ kind: "absolute", sign: "+", amount: 3, direction: "worse" });
    expect(movementOf(null, 10, "lower")).toEqual({ kind: "unknown" });
    expect(movementOf(10, null, "lower")).toEqual({ kind: "unknown" });
  });
});
