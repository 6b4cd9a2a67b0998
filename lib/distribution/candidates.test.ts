import { describe, expect, it } from "vitest";
import { fixedWidthUtc } from "./candidates";

describe("fixedWidthUtc", () => {
  it("completes PostgreSQL's UTC timestamps so that string order is time order", () => {
    expect(fixedWidthUtc("2025-03-01T12:00:00.5")).toBe("2025-03-01T12:00:00.500000Z");
    expect(fixedWidthUtc("2025-03-01T12:00:00")).toBe("2025-03-01T12:00:00.000000Z");
    expect(fixedWidthUtc("2025-03-01T12:00:00.123456")).toBe("2025-03-01T12:00:00.123456Z");
    expect(fixedWidthUtc(null)).toBeNull();
    const times = ["2025-03-01T12:00:00.34", "2025-03-01T12:00:00.340789", "2025-03-01T12:00:00", "2025-03-01T12:00:00.05"];
    expect(times.map(fixedWidthUtc).sort()).toEqual(
      ["2025-03-01T12:00:00", "2025-03-01T12:00:00.05", "2025-03-01T12:00:00.34", "2025-03-01T12:00:00.340789"].map(fixedWidthUtc),
    );
  });
});
