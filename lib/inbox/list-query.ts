// The query string of GET /api/v1/conversations: tab, search, group and status filters.
// Search text refuses control characters (U+0000 would reach PostgreSQL); the group is
// decimal digits only.
import { z } from "zod";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, strictNumberFromText } from "@/lib/text-input";
import { INBOX_TABS, STATUS_FILTERS } from "./types";

export const listQuery = z.object({
  tab: z.enum(INBOX_TABS, { error: "error.invalidValue" }).default("mine"),
  q: z
    .string()
    .max(100, "error.invalidValue")
    .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
    .trim()
    .optional(),
  group: z.preprocess(
    strictNumberFromText,
    z.number({ error: "error.invalidValue" }).int("error.invalidValue").positive("error.invalidValue").optional(),
  ),
  status: z.enum(STATUS_FILTERS, { error: "error.invalidValue" }).default("open"),
});
