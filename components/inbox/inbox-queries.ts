"use client";

// The inbox's reads (TanStack Query over the /api/v1/conversations routes). Realtime
// signals invalidate these keys (lib/realtime/query-keys.ts); nothing here polls.
import type { ConversationActivity } from "@/lib/inbox/conversation-activity";
import { keepPreviousData, useInfiniteQuery, useQuery, type InfiniteData } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchJson, retryServerErrors } from "@/components/ui/fetch-json";
import type { ConversationDetail, GroupMemberPresence, InboxConversation, InboxList, InboxTab, StatusFilter, ThreadMessage, TransferTargetGroup, UnreadCounts } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";

export type ListFilters = {
  tab: InboxTab;
  q: string;
  group: number | null;
  status: StatusFilter;
  /** All only. */
  assignee: number | "none" | null;
  awaiting: boolean;
  period: number | null;
};

export function listQueryKey(filters: ListFilters) {
  return queryKeys.conversationList({
    tab: filters.tab,
    q: filters.q,
    group: filters.group ?? undefined,
    status: filters.status,
    assignee: filters.tab === "all" ? (filters.assignee ?? undefined) : undefined,
    awaiting: filters.awaiting ? 1 : undefined,
    period: filters.period ?? undefined,
  });
}

/** Rows per page of the inbox's lists (the API's own default is larger). */
const LIST_PAGE_SIZE = 50;

/** A list as the inbox shows it: every page loaded so far, each conversation once. */
export type LoadedList = Omit<InboxList, "items" | "nextCursor"> & { items: InboxConversation[] };

/**
 * One tab, a page at a time (the cursor of each page comes from the page before, so a
 * refetch after a signal re-reads every loaded page consistently).
 */
export function useInboxList(filters: ListFilters) {
  const query = useInfiniteQuery({
    queryKey: listQueryKey(filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ tab: filters.tab, status: filters.status, limit: String(LIST_PAGE_SIZE) });
      if (filters.q) params.set("q", filters.q);
      if (filters.group) params.set("group", String(filters.group));
      if (filters.tab === "all" && filters.assignee !== null) params.set("assignee", String(filters.assignee));
      if (filters.awaiting) params.set("awaiting", "1");
      // Whole days back from the start of today (the key stays the same all day).
      if (filters.period) params.set("from", new Date(new Date().setHours(0, 0, 0, 0) - (filters.period - 1) * 86400_000).toISOString());
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<InboxList>(`/api/v1/conversations?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Switching tabs or typing a search keeps the old rows on screen until the new ones come.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
  const data = useMemo(() => flatten(query.data), [query.data]);
  return { ...query, data };
}

function flatten(data: InfiniteData<InboxList> | undefined): LoadedList | undefined {
  const [first] = data?.pages ?? [];
  if (!data || !first) return undefined;
  // A conversation that moved up between two pages' reads shows once, where it was first seen.
  const seen = new Set<number>();
  const items = data.pages.flatMap((page) => page.items).filter((c) => !seen.has(c.id) && seen.add(c.id));
  return { items, counts: first.counts, unread: first.unread, total: first.total, totalCapped: first.totalCapped };
}

/** My unread counts per tab, on every page of the app (title count). */
export function useUnreadCounts() {
  return useQuery({
    queryKey: queryKeys.unread,
    queryFn: () => fetchJson<UnreadCounts>("/api/v1/me/unread"),
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

/** A full page of the thread means there may be older messages (lib/inbox/thread-messages.ts THREAD_PAGE_SIZE). */
export const THREAD_PAGE_SIZE = 100;

/**
 * The thread, oldest first: its latest page, and older pages as the reader scrolls up (or a
 * search result asks for a message further back). Page 0 is the latest; each next page is
 * the one before the oldest message loaded, so a refetch re-reads them consistently.
 */
export function useThread(conversationId: number | null) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.messages(conversationId ?? 0),
    queryFn: ({ pageParam }) =>
      fetchJson<ThreadMessage[]>(`/api/v1/conversations/${conversationId}/messages${pageParam ? `?before=${pageParam}` : ""}`),
    initialPageParam: null as number | null,
    getNextPageParam: (page: ThreadMessage[]) => (page.length >= THREAD_PAGE_SIZE ? page[0]!.id : null),
    enabled: conversationId !== null,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
  const data = useMemo(() => (query.data ? [...query.data.pages].reverse().flat() : undefined), [query.data]);
  return { ...query, data };
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

/** The other groups the conversation may be transferred to, with their members (the assignee or a manager). */
export function useTransferTargets(conversationId: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.transferTargets(conversationId),
    queryFn: () => fetchJson<TransferTargetGroup[]>(`/api/v1/conversations/${conversationId}/transfer-targets`),
    enabled,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/** The conversation's assignment events, and for managers the latest automatic decision; under its conversation key, so each change refetches it. */
export function useActivity(conversationId: number | null) {
  return useQuery({
    queryKey: [...queryKeys.conversation(conversationId ?? 0), "activity"],
    queryFn: () => fetchJson<ConversationActivity>(`/api/v1/conversations/${conversationId}/activity`),
    enabled: conversationId !== null,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}
