// GET /api/v1/groups as the public API sends it, declared once as a zod schema: the
// OpenAPI document is generated from it and the API's tests validate real answers with
// it; the compile-time check below holds it equal to GroupSummary.
import { z } from "zod";
import { strategy, userStatus } from "@/db/schema";
import type { GroupDetails, GroupSummary } from "./queries";
import type { Same } from "@/lib/api/same-shape";

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

const sameShape: Same<z.output<typeof groupSummaryAnswer>, GroupSummary> = true;
void sameShape;

// GET /groups/{id} (and the manager screen's /manager/groups/{groupId}), PATCH /groups/{id},
// the members' PUT and DELETE, POST /manager/groups and a group's history, as sent.
const id = z.int().min(1);
const minutes = z.int().min(1).nullable();
const instant = z.string().meta({ format: "date-time" });

export const groupSettingsAnswer = z
  .object({
    id,
    version: z.int().min(0).describe("Send it back with a PATCH: a save against an older version is refused (409)"),
    name: z.string(),
    strategy: z.enum(strategy.enumValues),
    onlineOnly: z.boolean(),
    maxOpenPerAgent: minutes.describe("Open conversations per agent; null = no cap"),
    welcomeMessage: z.string().nullable(),
    allowTakeBeyondCap: z.boolean(),
    reassignAwayAfterMinutes: minutes,
    reassignNoReplyAfterMinutes: minutes,
    stickyToLastAgent: z.boolean(),
    businessHours: z
      .object({
        timeZone: z.string(),
        intervals: z.array(z.object({ day: z.int().min(0).max(6), start: z.string(), end: z.string() })),
        holidays: z.array(z.string()),
      })
      .nullable()
      .describe("null = always open"),
    outOfHoursMessage: z.string().nullable(),
    firstResponseTargetMinutes: minutes,
    resolutionTargetMinutes: minutes,
    tellQueuePosition: z.boolean(),
    queuePositionEveryMinutes: minutes,
    queuePositionMaxMessages: z.int().min(0),
    queuePositionMessagePt: z.string().nullable(),
    queuePositionMessageEn: z.string().nullable(),
  })
  .meta({ id: "GroupSettings" });

export const channelAnswer = z
  .object({
    id,
    groupId: id,
    displayNumber: z.string(),
    phoneNumberId: z.string(),
    tokenSet: z.boolean(),
    tokenInvalidAt: instant.nullable().describe("When WhatsApp refused the token: a manager must set a new one"),
    wabaId: z.string().nullable(),
    active: z.boolean(),
    menu: z
      .object({
        question: z.string(),
        options: z.array(z.object({ label: z.string(), groupId: id, priority: z.enum(["urgent", "high", "normal", "low"]).optional() })),
        language: z.enum(["pt-BR", "en"]).optional(),
        defaultGroupId: id,
        timeoutMinutes: z.int(),
        textOnly: z.boolean(),
      })
      .nullable()
      .describe("The entry menu; null = conversations go straight to the group"),
  })
  .meta({ id: "Channel" });

export const groupDetailsAnswer = z
  .object({
    group: groupSettingsAnswer,
    members: z.array(
      z.object({
        id,
        name: z.string(),
        email: z.string(),
        status: z.enum(userStatus.enumValues),
        ownCap: z.int().min(1).nullable().describe("The member's own cap here (null = the group's)"),
        openHere: count,
      }),
    ),
    channels: z.array(channelAnswer),
    otherAgents: z.array(z.object({ id, name: z.string(), email: z.string() })).describe("Active agents who are not members yet"),
    otherGroups: z.array(z.object({ id, name: z.string() })),
    queued: count,
  })
  .meta({ id: "GroupDetails" });

const auditChanges = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe("Per field, its value before and after");

export const groupSettingsChangeAnswer = z.object({
  group: groupSettingsAnswer,
  changes: auditChanges,
  assigned: count.describe("Queued conversations given out at once by the new settings"),
});

export const groupCreatedAnswer = z.object({ group: groupSettingsAnswer });

const namedRef = z.object({ id, name: z.string() });
export const memberAddedAnswer = z.object({ changed: z.boolean().describe("false: already a member"), member: namedRef, assigned: count });
export const memberRemovedAnswer = z.object({ changed: z.boolean().describe("false: not a member"), member: namedRef, requeued: count });

export const groupHistoryAnswer = z.array(
  z.object({
    id,
    at: instant,
    actorName: z.string().nullable(),
    entity: z.string(),
    action: z.string(),
    subject: z.string().nullable().describe("The channel's number, or the canned reply's shortcut"),
    changes: auditChanges,
  }),
);

const sameDetails: Same<z.output<typeof groupDetailsAnswer>, GroupDetails> = true;
void sameDetails;
