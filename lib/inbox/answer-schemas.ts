// The inbox's answers as the public API sends them (docs/behaviour.md#public-api), declared
// once as zod schemas: the OpenAPI document is generated from them (lib/api/openapi.ts)
// and the API's tests validate the real answers against them. The types in ./types.ts
// must stay equal to these (checked at compile time below).
import { z } from "zod";
import { assignmentKind, conversationStatus, deliveryStatus, mediaState, messageAuthor, messageDirection, strategy, userStatus } from "@/db/schema";
import { WAITING_REASONS } from "@/lib/distribution/waiting-reason";
import { PRIORITIES, SLA_STATES } from "@/lib/service-levels/sla-state";
import type { ConversationActivity } from "./conversation-activity";
import type { ConversationDetail, InboxList, ThreadMessage } from "./types";
import type { Same } from "@/lib/api/same-shape";

const id = z.int().min(1);
const instant = z.string().meta({ format: "date-time" });
const statusSchema = z.enum(conversationStatus.enumValues);
const serviceLevels = {
  priority: z.enum(PRIORITIES),
  firstResponseDueAt: instant.nullable(),
  resolutionDueAt: instant.nullable(),
  sla: z.enum(SLA_STATES).nullable(),
  waitingReason: z.enum(WAITING_REASONS).nullable().describe("Why nobody has it; null once someone has it"),
};

export const inboxConversationAnswer = z.object({
  id,
  status: statusSchema,
  groupId: id,
  groupName: z.string(),
  contactName: z.string().nullable(),
  contactNumber: z.string(),
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  createdAt: instant,
  queuedAt: instant,
  assignedAt: instant.nullable(),
  firstResponseAt: instant.nullable(),
  closedAt: instant.nullable(),
  lastMessageAt: instant.nullable(),
  ...serviceLevels,
  preview: z
    .object({
      type: z.string(),
      body: z.string().nullable(),
      direction: z.enum(messageDirection.enumValues),
      authorType: z.enum(messageAuthor.enumValues),
      systemKind: z.string().nullable().optional(),
      flowReply: z.boolean().optional(),
    })
    .nullable(),
  awaitingReply: z.boolean().describe("The contact spoke last: someone owes them an answer"),
  unreadCount: z.int().min(0),
  match: z.object({ messageId: id, snippet: z.string() }).nullable().describe("With ?q=: the latest matching message, matches between U+E000 and U+E001"),
});

const tabCounts = z.object({ mine: z.int().min(0), queue: z.int().min(0), all: z.int().min(0).nullable() });

export const inboxListAnswer = z
  .object({
    items: z.array(inboxConversationAnswer),
    counts: tabCounts,
    unread: tabCounts,
    total: z.int().min(0).nullable().describe("Counted on the first page only"),
    totalCapped: z.boolean(),
    nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page"),
  })
  .meta({ id: "ConversationPage" });

export const conversationDetailAnswer = z
  .object({
    id,
    status: statusSchema,
    group: z.object({ id, name: z.string() }),
    channelNumber: z.string(),
    contact: z.object({ name: z.string().nullable(), number: z.string() }),
    assignee: z.object({ id, name: z.string(), status: z.enum(userStatus.enumValues) }).nullable(),
    createdAt: instant,
    queuedAt: instant,
    assignedAt: instant.nullable(),
    firstResponseAt: instant.nullable(),
    closedAt: instant.nullable(),
    lastInboundAt: instant.nullable(),
    windowClosesAt: instant.nullable().describe("When the 24-hour customer-service window closes; null when the contact never wrote"),
    ...serviceLevels,
    can: z.object({ take: z.boolean(), reply: z.boolean(), transfer: z.boolean(), close: z.boolean(), assign: z.boolean(), reopen: z.boolean() }).describe("What you may do with it"),
  })
  .meta({ id: "Conversation" });

export const threadMessageAnswer = z
  .object({
    id,
    direction: z.enum(messageDirection.enumValues),
    type: z.string(),
    body: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).nullable(),
    authorType: z.enum(messageAuthor.enumValues),
    authorId: id.nullable(),
    authorName: z.string().nullable(),
    status: z.enum(deliveryStatus.enumValues).nullable().describe("Outbound delivery state; null for others"),
    failureReason: z.string().nullable(),
    failureCode: z.string().nullable(),
    waMessageId: z.string().nullable(),
    media: z
      .object({
        id,
        state: z.enum(mediaState.enumValues),
        mimeType: z.string().nullable(),
        size: z.int().min(0).nullable(),
        filename: z.string().nullable(),
        retrying: z.boolean(),
        failureReason: z.string().nullable(),
      })
      .nullable()
      .describe("The stored file, at /api/v1/media/{id}"),
    createdAt: instant,
  })
  .meta({ id: "Message" });

export const threadAnswer = z.array(threadMessageAnswer).describe("Oldest first");

/** POST /conversations/{id}/messages: the stored message's id (201). */
export const replyAnswer = z.object({ messageId: id }).meta({ id: "MessageCreated" });

/** GET /me/unread: per inbox tab, the open conversations with customer messages you have not seen (all: managers only). */
export const unreadAnswer = z.object({ mine: z.int().min(0), queue: z.int().min(0), all: z.int().min(0).nullable() }).meta({ id: "UnreadCounts" });

/** GET /conversations/{id}/members: the group's members with their status and open conversations (the transfer picker). */
export const groupMembersAnswer = z.array(z.object({ id, name: z.string(), status: z.enum(userStatus.enumValues), load: z.int().min(0) }).meta({ id: "GroupMemberPresence" }));

/** GET /api/v1/conversations/{id}/transfer-targets: the other groups, each with its members (its queue is the group itself). */
export const transferTargetsAnswer = z.array(
  z.object({ id, name: z.string(), members: groupMembersAnswer }).meta({ id: "TransferTargetGroup" }),
);

const person = z.object({ id, name: z.string() });
const policyName = z.enum(["sticky", "away", "no_reply", "member_removed", "returned_longest_ago", "reopened"]);
const ineligibleCode = z.enum(["inactive", "offline", "paused", "atCap", "ownCap", "returned", "closed"]);

/** GET /conversations/{id}/activity: the assignment events, and for managers the latest automatic decision. */
export const activityAnswer = z
  .object({
    events: z.array(
      z.object({
        id,
        kind: z.enum(assignmentKind.enumValues),
        at: instant,
        actor: person.nullable(),
        from: person.nullable(),
        to: person.nullable(),
        policy: policyName.nullable().describe("The policy that caused or decided it"),
        minutes: z.number().nullable().describe("A timer policy's minutes"),
        routing: z
          .object({
            step: z.enum(["asked_again", "chosen", "default"]),
            answer: z.string().optional(),
            via: z.enum(["button", "list", "number", "label", "word"]).optional(),
            priority: z.enum(PRIORITIES).optional(),
            cause: z.enum(["invalid_twice", "timeout"]).optional(),
            fromGroupId: id,
            toGroupId: id.optional(),
            groupName: z.string().nullable(),
          })
          .nullable()
          .describe("An entry-menu step (kind route)"),
        moved: z.object({ from: z.string(), to: z.string() }).nullable().describe("A transfer to another group: the names of the group it left and the one it went to"),
      }),
    ),
    decision: z
      .object({
        eventId: id,
        at: instant,
        strategy: z.enum(strategy.enumValues),
        winner: person,
        policy: policyName.nullable(),
        sticky: z.object({ agent: person, applied: z.boolean(), why: z.string().nullable(), whyCode: ineligibleCode.nullable() }).nullable(),
        priority: z.enum(["urgent", "high", "low"]).nullable(),
        candidates: z.array(
          z.object({
            userId: id,
            name: z.string(),
            status: z.enum(userStatus.enumValues),
            load: z.int().min(0),
            turnKey: z.string().nullable(),
            eligible: z.boolean(),
            whyCode: ineligibleCode.nullable(),
            why: z.string().nullable(),
            cap: z.int().nullable(),
          }),
        ),
      })
      .nullable()
      .describe("Managers only: the latest automatic decision with every candidate (\"Why <agent>?\")"),
    waiting: z.object({ code: z.literal("closed"), nextChange: instant.nullable() }).nullable().optional().describe("Managers only: queued while the group is closed"),
  })
  .meta({ id: "ConversationActivity" });

// The declared answers and the types the code returns are the same shapes, or this does not compile.
const sameShapes: [
  Same<z.output<typeof inboxListAnswer>, InboxList>,
  Same<z.output<typeof conversationDetailAnswer>, ConversationDetail>,
  Same<z.output<typeof threadMessageAnswer>, ThreadMessage>,
  Same<z.output<typeof activityAnswer>, ConversationActivity>,
] = [true, true, true, true];
void sameShapes;
