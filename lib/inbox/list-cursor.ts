// Keyset cursors of the inbox's lists: the ordering tuple of the last row shown (the
// timestamp as PostgreSQL's own microseconds text, so nothing is rounded away) and its
// id, opaque to clients as base64url. A cursor that does not decode is bad input.
import { z } from "zod";
import { invalidFields } from "@/lib/errors";
import { PRIORITIES, type Priority } from "@/lib/service-levels/sla-state";

/** The queue's cursor also holds the row's priority and due time (docs/behaviour.md#service-levels). */
export type ListCursor = { at: string; id: number; queue?: { priority: Priority; due: string } };

const exactTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
const cursorShape = z.object({
  at: exactTime.refine(isRealInstant),
  id: z.number().int().positive().max(2_147_483_647),
  queue: z.object({ priority: z.enum(PRIORITIES), due: z.union([exactTime.refine(isRealInstant), z.literal("infinity")]) }).optional(),
});

/** A timestamp that exists: year 1 or later, a real month and day, hours below 24 (month 13 or year 0 are bad input, not a database error). */
function isRealInstant(at: string): boolean {
  // Zod runs a refinement even when the pattern failed (a union's other branch, "infinity", must still get its turn).
  const digits = at.match(/\d+/g);
  if (!digits || digits.length < 6) return false;
  const [year, month, day, hour, minute, second] = digits.slice(0, 6).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

export function encodeCursor(cursor: ListCursor): string {
  const tuple = cursor.queue ? [cursor.at, cursor.id, cursor.queue.priority, cursor.queue.due] : [cursor.at, cursor.id];
  return Buffer.from(JSON.stringify(tuple)).toString("base64url");
}

export function decodeCursor(text: string): ListCursor {
  try {
    const [at, id, priority, due] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    return cursorShape.parse({ at, id, queue: priority === undefined ? undefined : { priority, due } });
  } catch {
    throw invalidFields({ cursor: "error.invalidValue" });
  }
}
