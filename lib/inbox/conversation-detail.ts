// One conversation as the conversation view shows it: contact, channel, group,
// assignee (with their presence), status, timestamps and the 24-hour window.
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { channelGroups, channels, contacts, conversations, users } from "@/db/schema";
import { slaSql } from "@/lib/service-levels/sla-sql";
import type { ConversationDetail } from "./types";

const assignee = alias(users, "assignee");
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The conversation without the viewer's `can` (readConversation adds it). */
export async function loadConversationDetail(db: Queryable, conversationId: number): Promise<Omit<ConversationDetail, "can" | "waitingReason"> | null> {
  const [row] = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      groupId: channelGroups.id,
      groupName: channelGroups.name,
      channelNumber: channels.displayNumber,
      contactName: sql<string | null>`coalesce(${contacts.displayName}, ${contacts.profileName})`,
      // Contacts known only by their WhatsApp user id show their username, else that id.
      contactNumber: sql<string>`coalesce(${contacts.waId}, ${contacts.username}, ${contacts.userId})`,
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      assigneeStatus: assignee.status,
      createdAt: conversations.createdAt,
      queuedAt: conversations.queuedAt,
      assignedAt: conversations.assignedAt,
      firstResponseAt: conversations.firstResponseAt,
      closedAt: conversations.closedAt,
      lastInboundAt: conversations.lastInboundAt,
      priority: conversations.priority,
      firstResponseDueAt: conversations.firstResponseDueAt,
      resolutionDueAt: conversations.resolutionDueAt,
      sla: slaSql,
      // The same rule as sendReply, on the database's clock.
      // Or earlier, when WhatsApp refused a reply as outside the window (131047) after it.
      windowClosesAt: sql<Date | null>`CASE WHEN ${conversations.windowClosedAt} >= ${conversations.lastInboundAt}
        THEN LEAST(${conversations.windowClosedAt}, ${conversations.lastInboundAt} + interval '24 hours')
        ELSE ${conversations.lastInboundAt} + interval '24 hours' END`.mapWith(conversations.lastInboundAt),
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(channelGroups, eq(channelGroups.id, conversations.groupId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(eq(conversations.id, conversationId));
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    group: { id: row.groupId, name: row.groupName },
    channelNumber: row.channelNumber,
    contact: { name: row.contactName, number: row.contactNumber },
    // A closed conversation keeps who had it, for history.
    assignee: row.assigneeId !== null ? { id: row.assigneeId, name: row.assigneeName!, status: row.assigneeStatus! } : null,
    createdAt: row.createdAt.toISOString(),
    queuedAt: row.queuedAt.toISOString(),
    assignedAt: iso(row.assignedAt),
    firstResponseAt: iso(row.firstResponseAt),
    closedAt: iso(row.closedAt),
    lastInboundAt: iso(row.lastInboundAt),
    windowClosesAt: iso(row.windowClosesAt),
    priority: row.priority,
    firstResponseDueAt: iso(row.firstResponseDueAt),
    resolutionDueAt: iso(row.resolutionDueAt),
    sla: row.sla,
  };
}
