// The inbox's answers as the public API sends them (docs/behaviour.md#public-api), declared
// once as zod schemas: the OpenAPI document is generated from them (lib/api/openapi.ts)
// and the API's tests validate the real answers against them. The types in ./types.ts
// must stay equal to these (checked at compile time below).
import { z } from "zod";
import { conversationStatus, deliveryStatus, mediaState, messageAuthor, messageDirection, userStatus } from "@/db/schema";
import { WAITING_REASONS } from "@/lib/distribution/waiting-reason";
import { PRIORITIES, SLA_STATES } from "@/lib/service-levels/sla-state";
import type { ConversationDetail, InboxList, ThreadMessage } from "./types";

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

// The declared answers and the types the code returns are the same shapes, or this does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [Same<z.output<typeof inboxListAnswer>, InboxList>, Same<z.output<typeof conversationDetailAnswer>, ConversationDetail>, Same<z.output<typeof threadMessageAnswer>, ThreadMessage>] = [true, true, true];
void sameShapes;
