// The query string of GET /api/v1/conversations: tab, search, group and status filters,
// and keyset pagination (cursor, limit). Search text refuses control characters (U+0000
// would reach PostgreSQL); the group is decimal digits only (`groupId`, or `group` as
// the inbox's own links say it).
import { z } from "zod";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, strictNumberFromText } from "@/lib/text-input";
import { INBOX_TABS, STATUS_FILTERS } from "./types";

const groupIdSchema = z.preprocess(
  strictNumberFromText,
  z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").optional(),
);

/** Where a page ends: the row's sort key (text of a timestamp, microseconds kept) and id. */
export type ListCursor = { key: string; id: number };

export const cursorSchema = z
  .string()
  .max(200, "error.invalidValue")
  .transform((value, ctx): ListCursor => {
    try {
      const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown;
      const cursor = z.object({ key: z.string().max(64).refine((key) => !Number.isNaN(Date.parse(key))), id: z.number().int().positive() }).parse(parsed);
      return cursor;
    } catch {
      ctx.addIssue({ code: "custom", message: "error.invalidValue" });
      return z.NEVER;
    }
  });

export const encodeCursor = (cursor: ListCursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

export const MAX_PAGE_SIZE = 200;

export const listQuery = z.object({
  tab: z.enum(INBOX_TABS, { error: "error.invalidValue" }).default("mine"),
  q: z
    .string()
    .max(100, "error.invalidValue")
    .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
    .trim()
    .optional(),
  group: groupIdSchema,
  groupId: groupIdSchema,
  status: z.enum(STATUS_FILTERS, { error: "error.invalidValue" }).default("open"),
  /** `nextCursor` of the previous page. */
  cursor: cursorSchema.optional(),
  limit: z.preprocess(
    strictNumberFromText,
    z.number({ error: "error.invalidValue" }).int("error.invalidValue").min(1, "error.invalidValue").max(MAX_PAGE_SIZE, "error.invalidValue").default(MAX_PAGE_SIZE),
  ),
});
