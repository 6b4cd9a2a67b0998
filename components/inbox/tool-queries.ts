"use client";

// The reads of the tools around a conversation: the contact panel and history, the "/"
// canned replies, who a note may mention, and my Mentions. Realtime signals invalidate
// these keys (lib/realtime/query-keys.ts).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { fetchJson, retryServerErrors } from "@/components/ui/fetch-json";
import type { CannedReplyChoice, CannedReplyView } from "@/lib/canned-replies/canned-replies";
import type { ContactHistoryPage } from "@/lib/contacts/contact-history";
import type { ContactPanel } from "@/lib/contacts/contact-panel";
import type { ThreadMessage } from "@/lib/inbox/types";
import type { MentionCandidate, MentionsPage } from "@/lib/notes/mentions";
import { queryKeys } from "@/lib/realtime/query-keys";

const base = (conversationId: number) => `/api/v1/conversations/${conversationId}`;

export function useContactPanel(conversationId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.contactPanel(conversationId),
    queryFn: () => fetchJson<ContactPanel>(`${base(conversationId)}/contact`),
    enabled,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useContactHistory(conversationId: number) {
  return useInfiniteQuery({
    queryKey: queryKeys.contactHistory(conversationId),
    queryFn: ({ pageParam }) => fetchJson<ContactHistoryPage>(`${base(conversationId)}/history${pageParam ? `?before=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useHistoryThread(conversationId: number, earlierId: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.contactHistoryThread(conversationId, earlierId),
    queryFn: () => fetchJson<ThreadMessage[]>(`${base(conversationId)}/history/${earlierId}`),
    enabled,
    staleTime: 5 * 60_000,
    retry: retryServerErrors,
  });
}

export function useCannedChoices(conversationId: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.cannedRepliesFor(conversationId),
    queryFn: () => fetchJson<CannedReplyChoice[]>(`${base(conversationId)}/canned-replies`),
    enabled,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useCannedReplies() {
  return useQuery({
    queryKey: queryKeys.cannedReplies,
    queryFn: () => fetchJson<CannedReplyView[]>(`/api/v1/canned-replies`),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useMentionCandidates(conversationId: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.mentionCandidates(conversationId),
    queryFn: () => fetchJson<MentionCandidate[]>(`${base(conversationId)}/mention-candidates`),
    enabled,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

export function useMentions() {
  return useInfiniteQuery({
    queryKey: queryKeys.mentions,
    queryFn: ({ pageParam }) => fetchJson<MentionsPage>(`/api/v1/me/mentions${pageParam ? `?before=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}
