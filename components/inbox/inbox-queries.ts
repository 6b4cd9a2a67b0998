"use client";

// The inbox's reads (TanStack Query over the /api/v1/conversations routes). Realtime
// signals invalidate these keys (lib/realtime/query-keys.ts); nothing here polls.
import type { ConversationActivity } from "@/lib/inbox/conversation-activity";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ActionError } from "@/lib/errors";
import type { ConversationDetail, GroupMemberPresence, InboxList, InboxTab, StatusFilter, ThreadMessage } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ActionError | null,
  ) {
    super(error?.message ?? `HTTP ${status}`);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, (body as { error?: ActionError } | null)?.error ?? null);
  // An expired session is sent to the sign-in page, which is not JSON.
  if (body === null) throw new ApiError(401, { code: "unauthenticated", message: "Please sign in again." });
  return body as T;
}

// A refusal (4xx) will not change by asking again; a server hiccup may.
const retryServerErrors = (count: number, error: Error) => !(error instanceof ApiError && error.status < 500) && count < 2;

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
      return getJson<InboxList>(`/api/v1/conversations?${params}`);
    },
    // Switching tabs or typing a search keeps the old rows on screen until the new ones come.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export const fetchConversationDetail = (conversationId: number) => getJson<ConversationDetail>(`/api/v1/conversations/${conversationId}`);

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
    queryFn: () => getJson<ThreadMessage[]>(`/api/v1/conversations/${conversationId}/messages`),
    enabled: conversationId !== null,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useGroupMembers(conversationId: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.conversationMembers(conversationId),
    queryFn: () => getJson<GroupMemberPresence[]>(`/api/v1/conversations/${conversationId}/members`),
    enabled,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/** The conversation's assignment events, and for managers the latest automatic decision; under its conversation key, so each change refetches it. */
export function useActivity(conversationId: number | null) {
  return useQuery({
    queryKey: [...queryKeys.conversation(conversationId ?? 0), "activity"],
    queryFn: () => getJson<ConversationActivity>(`/api/v1/conversations/${conversationId}/activity`),
    enabled: conversationId !== null,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}
