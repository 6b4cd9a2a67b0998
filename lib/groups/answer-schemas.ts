// GET /api/v1/groups as the public API sends it, declared once as a zod schema: the
// OpenAPI document is generated from it and the API's tests validate real answers with
// it; the compile-time check below holds it equal to GroupSummary.
import { z } from "zod";
import { strategy } from "@/db/schema";
import type { GroupSummary } from "./queries";

const count = z.int().min(0);

export const groupSummaryAnswer = z
  .object({
    id: z.int().min(1),
    name: z.string(),
    strategy: z.enum(strategy.enumValues),
    onlineOnly: z.boolean(),
    maxOpenPerAgent: z.int().min(1).nullable().describe("Open conversations per agent; null = no cap"),
    membersOnline: count,
    membersTotal: count,
    channels: count,
    channelsNeedingToken: count.describe("Active numbers whose token WhatsApp refused: a manager must set a new one"),
    queueLength: count,
    oldestQueuedAt: z.string().meta({ format: "date-time" }).nullable(),
    hours: z
      .object({ scheduled: z.boolean(), open: z.boolean(), nextChange: z.string().meta({ format: "date-time" }).nullable() })
      .describe("Business hours now: open or closed, and when that next changes (null = never)"),
  })
  .meta({ id: "GroupSummary" });

export const groupListAnswer = z.array(groupSummaryAnswer);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.output<typeof groupSummaryAnswer>, GroupSummary> = true;
void sameShape;
