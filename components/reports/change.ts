// How a figure moved against the compared period, as the Reports page words and colours it:
// better or worse for customers (fewer minutes waited is better, more is worse; volume is
// neither), and by how much. A change that rounds to 0 % is no change: both values read the
// same on the page ("1 h 35 min" beside "was 1 h 35 min"), so it is neither red nor green.
export type Better = "lower" | "higher" | null;
export type Direction = "better" | "worse" | "neutral";

export type Movement =
  | { kind: "unknown" } // one of the two has no value (a median of nothing)
  | { kind: "same" }
  | { kind: "absolute"; sign: "+" | "−"; amount: number; direction: Direction } // from 0, a percentage means nothing
  | { kind: "percent"; sign: "+" | "−"; percent: number; direction: Direction };

export function movementOf(current: number | null, previous: number | null, better: Better): Movement {
  if (current === null || previous === null) return { kind: "unknown" };
  const diff = current - previous;
  const percent = previous === 0 ? null : Math.abs(Math.round((diff / previous) * 100));
  if (diff === 0 || percent === 0) return { kind: "same" };
  const sign = diff > 0 ? "+" : "−";
  const direction: Direction = better === null ? "neutral" : (better === "lower" ? diff < 0 : diff > 0) ? "better" : "worse";
  return percent === null ? { kind: "absolute", sign, amount: Math.abs(diff), direction } : { kind: "percent", sign, percent, direction };
}
