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
  groups: ["groups"] as const,
  group: (id: number) => ["group", id] as const,
  board: ["board"] as const,
  // The manager area's reads, under the keys above so that the same signals refresh them.
  groupList: ["groups", "summary"] as const,
  groupDetails: (groupId: number) => ["group", groupId, "details"] as const,
  groupHistory: (groupId: number) => ["group", groupId, "history"] as const,
  groupBoard: (groupId?: number) => ["board", groupId ?? "all"] as const,
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
  }
}
