// Every TanStack Query key of the app (one place), and which of them each realtime
// signal makes stale.
import type { RealtimeSignal } from "./signals";

export const queryKeys = {
  myStatus: (userId: number) => ["me", "status", userId] as const,
  conversationLists: ["conversations"] as const,
  /** One tab of the inbox with its filters; under conversationLists, so every list signal reaches it. */
  conversationList: (filters: Record<string, string | number | undefined>) => ["conversations", filters] as const,
  conversation: (id: number) => ["conversation", id] as const,
  /** The viewer's unread counts per tab (app shell: title and alerts); under conversationLists, so every list signal reaches it. */
  unread: ["conversations", "unread"] as const,
  messages: (conversationId: number) => ["messages", conversationId] as const,
  presence: ["presence"] as const,
  /** A conversation's group members with status and load (transfer picker): presence and load change it. */
  conversationMembers: (conversationId: number) => ["presence", "conversation-members", conversationId] as const,
  /** The other groups a conversation may be transferred to, with their members' status and load: presence and load change it. */
  transferTargets: (conversationId: number) => ["presence", "transfer-targets", conversationId] as const,
  groups: ["groups"] as const,
  group: (id: number) => ["group", id] as const,
  board: ["board"] as const,
  // The manager area's reads, under the keys above so that the same signals refresh them.
  groupList: ["groups", "summary"] as const,
  groupDetails: (groupId: number) => ["group", groupId, "details"] as const,
  groupHistory: (groupId: number) => ["group", groupId, "history"] as const,
  groupBoard: (groupId?: number) => ["board", groupId ?? "all"] as const,
  /** The contact side panel and the contact history of a conversation. */
  contacts: ["contact"] as const,
  contactPanel: (conversationId: number) => ["contact", "panel", conversationId] as const,
  contactHistory: (conversationId: number) => ["contact", "history", conversationId] as const,
  contactHistoryThread: (conversationId: number, earlierId: number) => ["contact", "history", conversationId, earlierId] as const,
  cannedReplies: ["canned-replies"] as const,
  cannedRepliesFor: (conversationId: number) => ["canned-replies", "conversation", conversationId] as const,
  /** The Mentions view and the unread count in the navigation. */
  mentions: ["mentions"] as const,
  mentionCandidates: (conversationId: number) => ["mentions", "candidates", conversationId] as const,
  /** The approved templates of a conversation's number: no signal; the reply box refreshes them on demand. */
  templates: (conversationId: number) => ["templates", conversationId] as const,
  /** No signal of its own: the team view listens for presence and group signals itself. */
  team: ["team"] as const,
};

export function keysToInvalidate(signal: RealtimeSignal, myUserId: number): (readonly unknown[])[] {
  switch (signal.type) {
    case "conversation.changed":
      // presence: the loads shown next to each member changed.
      return [queryKeys.conversationLists, queryKeys.conversation(signal.conversationId), queryKeys.groups, queryKeys.board, queryKeys.presence];
    case "message.created":
      return [queryKeys.messages(signal.conversationId), queryKeys.conversationLists, queryKeys.conversation(signal.conversationId)];
    case "message.status":
    case "message.media":
      return [queryKeys.messages(signal.conversationId)];
    case "presence.changed":
      return [
        queryKeys.presence,
        queryKeys.board,
        queryKeys.groups,
        ...(signal.userId === myUserId ? [queryKeys.myStatus(myUserId)] : []),
      ];
    case "group.changed":
      return [queryKeys.groups, queryKeys.group(signal.groupId), queryKeys.board, queryKeys.conversationLists];
    case "channel.token_invalid":
      return [queryKeys.groups, queryKeys.group(signal.groupId)];
    case "conversation.read":
      return [queryKeys.conversationLists];
    case "mention.created":
    case "mentions.read":
      return [queryKeys.mentions];
    case "contact.changed":
      // The name shows in the lists, the conversation header and the panel.
      return [queryKeys.contacts, queryKeys.conversationLists, ["conversation"], queryKeys.mentions];
    case "canned_replies.changed":
      return [queryKeys.cannedReplies];
    case "sla.breached":
      return [queryKeys.conversationLists, queryKeys.conversation(signal.conversationId), queryKeys.board];
  }
}
