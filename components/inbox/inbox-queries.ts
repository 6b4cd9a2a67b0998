"use client";

// The inbox's reads (TanStack Query over the /api/v1/conversations routes). Realtime
// signals invalidate these keys (lib/realtime/query-keys.ts); nothing here polls.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, retryServerErrors } from "@/components/ui/fetch-json";
import type { ConversationDetail, GroupMemberPresence, InboxList, InboxTab, StatusFilter, ThreadMessage } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";

export type ListFilters = { tab: InboxTab; q: string; group: number | null; status: StatusFilter };

export function listQueryKey(filters: ListFilters) {
  return queryKeys.conversationList({ tab: filters.tab, q: filters.q, group: filters.group ?? undefined, status: filters.status });
}

export function useInboxList(filters: ListFilters) {
  return useQuery({
    queryKey: listQueryKey(filters),
    queryFn: () => {
      const params = new URLSearchParams({ tab: filters.tab, status: filters.status });
      if (filters.q) params.set("q", filters.q);
      if (filters.group) params.set("group", String(filters.group));
      return fetchJson<InboxList>(`/api/v1/conversations?${params}`);
    },
    // Switching tabs or typing a search keeps the old rows on screen until the new ones come.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export const fetchConversationDetail = (conversationId: number) => fetchJson<ConversationDetail>(`/api/v1/conversations/${conversationId}`);

export function useConversationDetail(conversationId: number | null) {
  return useQuery({
    queryKey: queryKeys.conversation(conversationId ?? 0),
    queryFn: () => fetchConversationDetail(conversationId!),
    enabled: conversationId !== null,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useThread(conversationId: number | null) {
  return useQuery({
    queryKey: queryKeys.messages(conversationId ?? 0),
    queryFn: () => fetchJson<ThreadMessage[]>(`/api/v1/conversations/${conversationId}/messages`),
    enabled: conversationId !== null,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useGroupMembers(conversationId: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.conversationMembers(conversationId),
    queryFn: () => fetchJson<GroupMemberPresence[]>(`/api/v1/conversations/${conversationId}/members`),
    enabled,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}
