// Keyset cursors of the inbox's lists: the ordering tuple of the last row shown (the
// timestamp as PostgreSQL's own microseconds text, so nothing is rounded away) and its
// id, opaque to clients as base64url. A cursor that does not decode is bad input.
import { z } from "zod";
import { invalidFields } from "@/lib/errors";

export type ListCursor = { at: string; id: number };

const cursorShape = z.object({
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  id: z.number().int().positive(),
});

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
