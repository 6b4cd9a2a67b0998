import type { AssignmentEvent, Conversation, Message, User } from "@/db/schema";

// Realtime events are signals (STYLE habit 6): they say what changed so that clients
// invalidate the matching TanStack Query keys and refetch; they carry no state to patch.
export type RealtimeSignal =
  | {
      type: "conversation.changed";
      conversationId: number;
      groupId: number;
      status: Conversation["status"];
      assigneeId: number | null;
      previousAssigneeId: number | null;
      /** Who caused it (null for automatic decisions and inbound traffic). */
      actorId: number | null;
      kind?: "opened" | AssignmentEvent["kind"];
      /** The group it left (a transfer to another group). */
      previousGroupId?: number;
    }
  | { type: "message.created"; conversationId: number; groupId: number; assigneeId: number | null; messageId: number; direction: Message["direction"] }
  | { type: "message.status"; conversationId: number; groupId: number; assigneeId: number | null; messageId: number; status: NonNullable<Message["status"]> }
  /** A message's media file was stored (or could not be): its thread shows it now. */
  | { type: "message.media"; conversationId: number; groupId: number; assigneeId: number | null; messageId: number }
  | { type: "presence.changed"; userId: number; status: User["status"]; groupIds: number[] }
  | { type: "group.changed"; groupId: number }
  /** The user saw a conversation further: their other tabs refresh its unread count (their room only). */
  | { type: "conversation.read"; userId: number; conversationId: number }
  /** WhatsApp refused a channel's access token (error 190): managers must set a new one. */
  | { type: "channel.token_invalid"; channelId: number; groupId: number; displayNumber: string }
  /** A private note mentioned this user (who may see the conversation): only their tabs hear it. */
  | { type: "mention.created"; userId: number; conversationId: number; mentionId: number }
  /** The user read mentions in one tab: their other tabs clear the unread count. */
  | { type: "mentions.read"; userId: number }
  /** An agent edited a contact's display name or note. */
  | { type: "contact.changed"; contactId: number; groupIds: number[] }
  /** A manager changed the canned replies of these groups (every group for a global one). */
  | { type: "canned_replies.changed"; groupIds: number[] }
  // A conversation passed a target unmet (docs/behaviour.md#service-levels): managers only.
  | { type: "sla.breached"; conversationId: number; groupId: number; target: "first_response" | "resolution" };

/** The Socket.IO event that carries signals to tabs: an array of them (signal-coalescer.ts). */
export const SIGNALS_EVENT = "signals";

export const rooms = {
  user: (userId: number) => `user:${userId}`,
  group: (groupId: number) => `group:${groupId}`,
  managers: "managers",
} as const;

/** The rooms a signal goes to: its group's members, the people it concerns, and managers. */
export function roomsFor(signal: RealtimeSignal): string[] {
  // What one user saw is nobody else's business.
  if (signal.type === "conversation.read") return [rooms.user(signal.userId)];
  // A mention is for the one person mentioned, not for every manager.
  if (signal.type === "mention.created" || signal.type === "mentions.read") return [rooms.user(signal.userId)];
  const out = new Set<string>([rooms.managers]);
  switch (signal.type) {
    case "conversation.changed":
      out.add(rooms.group(signal.groupId));
      if (signal.previousGroupId) out.add(rooms.group(signal.previousGroupId));
      if (signal.assigneeId) out.add(rooms.user(signal.assigneeId));
      if (signal.previousAssigneeId) out.add(rooms.user(signal.previousAssigneeId));
      break;
    case "message.created":
    case "message.status":
    case "message.media":
      out.add(rooms.group(signal.groupId));
      if (signal.assigneeId) out.add(rooms.user(signal.assigneeId));
      break;
    case "presence.changed":
      out.add(rooms.user(signal.userId));
      for (const g of signal.groupIds) out.add(rooms.group(g));
      break;
    case "group.changed":
      out.add(rooms.group(signal.groupId));
      break;
    case "channel.token_invalid":
      // Only managers can replace a token.
    case "sla.breached":
      // Managers are alerted; agents see the state on the rows already.
      break;
    case "contact.changed":
    case "canned_replies.changed":
      for (const g of signal.groupIds) out.add(rooms.group(g));
      break;
  }
  return [...out];
}
