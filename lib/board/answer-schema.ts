// GET /api/v1/manager/board as sent, declared once: the OpenAPI document is generated from
// it, the API's contract test validates real answers with it, and the check below holds
// it equal to the Board type the screen reads.
import { z } from "zod";
import { strategy, userStatus } from "@/db/schema";
import { WAITING_REASONS } from "@/lib/distribution/waiting-reason";
import type { Board } from "./read-board";
import type { Same } from "@/lib/api/same-shape";

const id = z.int().min(1);
const count = z.int().min(0);
const instant = z.string().meta({ format: "date-time" });
const waitingReason = z.enum(WAITING_REASONS);

export const boardAnswer = z
  .object({
    generatedAt: instant,
    groups: z.array(
      z.object({
        id,
        name: z.string(),
        strategy: z.enum(strategy.enumValues),
        onlineOnly: z.boolean(),
        maxOpenPerAgent: z.int().min(1).nullable(),
        hours: z.object({ scheduled: z.boolean(), open: z.boolean(), nextChange: instant.nullable() }),
        queueLength: count,
        oldestQueuedAt: instant.nullable(),
        slaAtRisk: count,
        slaOverdue: count,
        slaNextChangeAt: instant.nullable(),
        waitingReason: waitingReason.nullable().describe("Why the queue waits; null when it is empty or being assigned"),
        waiting: z.array(z.object({ conversationId: id, contactName: z.string().nullable(), contactNumber: z.string().nullable(), queuedAt: instant, reason: waitingReason.nullable() })),
        agents: z.array(
          z.object({
            userId: id,
            name: z.string(),
            status: z.enum(userStatus.enumValues),
            load: count,
            loadHere: count,
            lastAssignedAt: instant.nullable(),
            availableSince: instant.nullable(),
            statusSince: instant.nullable(),
            eligible: z.boolean(),
            reason: z.enum(["offline", "paused", "atCap", "ownCap", "returned", "closed"]).nullable(),
            turn: z.int().min(1).nullable().describe("1 = receives the next conversation; null when not eligible or the group is manual"),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Board" });

const sameShape: Same<z.output<typeof boardAnswer>, Board> = true;
void sameShape;
