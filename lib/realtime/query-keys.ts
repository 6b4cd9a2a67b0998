// TanStack Query keys, and which of them each realtime signal makes stale.
import type { RealtimeSignal } from "./signals";

export const queryKeys = {
  myStatus: (userId: number) => ["me", "status", userId] as const,
  conversationLists: ["conversations"] as const,
  conversation: (id: number) => ["conversation", id] as const,
  messages: (conversationId: number) => ["messages", conversationId] as const,
  presence: ["presence"] as const,
  groups: ["groups"] as const,
  group: (id: number) => ["group", id] as const,
  board: ["board"] as const,
};

export function keysToInvalidate(signal: RealtimeSignal, myUserId: number): (readonly unknown[])[] {
  switch (signal.type) {
    case "conversation.changed":
      return [queryKeys.conversationLists, queryKeys.conversation(signal.conversationId), queryKeys.groups, queryKeys.board];
    case "message.created":
      return [queryKeys.messages(signal.conversationId), queryKeys.conversationLists, queryKeys.conversation(signal.conversationId)];
    case "message.status":
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
  }
}
