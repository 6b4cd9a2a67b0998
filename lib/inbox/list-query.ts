// The query string of GET /api/v1/conversations: tab, search, filters (group, status,
// assignee, awaiting reply, period) and keyset pagination (cursor, limit). Search text
// refuses control characters (U+0000 would reach PostgreSQL); ids are decimal digits only
// (the group as `groupId`, or `group` as the inbox's own links say it). The cursor is
// opaque to clients (lib/inbox/list-cursor.ts), checked here so that every bad field is
// named at once.
import { z } from "zod";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, strictNumberFromText } from "@/lib/text-input";
import { decodeCursor } from "./list-cursor";
import { INBOX_TABS, STATUS_FILTERS } from "./types";

const isCursor = (value: string) => {
  try {
    decodeCursor(value);
    return true;
  } catch {
    return false;
  }
};

const positiveId = z.preprocess(
  strictNumberFromText,
  z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").max(2_147_483_647, "error.invalidValue").optional(),
);
const instant = z.iso.datetime({ offset: true, error: "error.invalidValue" }).transform((text) => new Date(text)).optional();

export const MAX_PAGE_SIZE = 200;

export const listQuery = z
  .object({
    tab: z.enum(INBOX_TABS, { error: "error.invalidValue" }).default("mine"),
    q: z
      .string()
      .max(100, "error.invalidValue")
      .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
      .trim()
      .optional(),
    group: positiveId,
    groupId: positiveId,
    status: z.enum(STATUS_FILTERS, { error: "error.invalidValue" }).default("open"),
    /** A user id, or "none" for the conversations nobody has. */
    assignee: z.union([z.literal("none"), positiveId]).optional(),
    /** "1": only those whose contact spoke last. */
    awaiting: z.enum(["1", "0"], { error: "error.invalidValue" }).optional(),
    /** The period of the latest activity. */
    from: instant,
    to: instant,
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(200, "error.invalidValue")
      .refine((value) => isCursor(value), "error.invalidValue")
      .optional(),
    limit: z.preprocess(
      strictNumberFromText,
      z.number({ error: "error.invalidValue" }).int("error.invalidValue").min(1, "error.invalidValue").max(MAX_PAGE_SIZE, "error.invalidValue").default(MAX_PAGE_SIZE),
    ),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], message: "error.invalidValue" });
