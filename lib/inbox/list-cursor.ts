// Keyset cursors of the inbox's lists: the ordering tuple of the last row shown (the
// timestamp as PostgreSQL's own microseconds text, so nothing is rounded away) and its
// id, opaque to clients as base64url. A cursor that does not decode is bad input.
import { z } from "zod";
import { invalidFields } from "@/lib/errors";

export type ListCursor = { at: string; id: number };

const cursorShape = z.object({
  at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
    .refine(isRealInstant),
  id: z.number().int().positive().max(2_147_483_647),
});

/** A timestamp that exists: year 1 or later, a real month and day, hours below 24 (month 13 or year 0 are bad input, not a database error). */
function isRealInstant(at: string): boolean {
  const [year, month, day, hour, minute, second] = at.match(/\d+/g)!.slice(0, 6).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

export function decodeCursor(text: string): ListCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [unknown, unknown];
    return cursorShape.parse({ at, id });
  } catch {
    throw invalidFields({ cursor: "error.invalidValue" });
  }
}
