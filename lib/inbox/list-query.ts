// The query string of GET /api/v1/conversations: tab, search, group and status filters.
import { z } from "zod";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, strictNumberFromText } from "@/lib/text-input";
import { INBOX_TABS, STATUS_FILTERS } from "./types";

export const listQuery = z.object({
  tab: z.enum(INBOX_TABS).default("mine"),
  q: z
    .string()
    .max(100)
    .refine((value) => !hasControlCharacters(value), CONTROL_MESSAGE_KEY)
    .trim()
    .optional(),
  group: z.preprocess(strictNumberFromText, z.number().int().positive().optional()),
  status: z.enum(STATUS_FILTERS).default("open"),
});
