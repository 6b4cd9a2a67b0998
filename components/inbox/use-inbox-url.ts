"use client";

// The inbox's state lives in the URL (/inbox?tab=queue&c=123&q=…&group=…&status=…), so a
// reload, a shared link or the back button lands on the same view. Changes go through
// the History API, which Next's router follows without a server round trip.
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { INBOX_TABS, STATUS_FILTERS, type InboxTab, type StatusFilter } from "@/lib/inbox/types";

export type InboxUrlState = {
  tab: InboxTab;
  conversationId: number | null;
  q: string;
  group: number | null;
  status: StatusFilter;
  /** All (managers): one person's conversations, or "none" for the unassigned. */
  assignee: number | "none" | null;
  /** Only those whose contact spoke last. */
  awaiting: boolean;
  /** Latest activity within the last N days (null: any time). */
  period: Period | null;
  /** The message to open the conversation at (a search result). */
  messageId: number | null;
};

export const PERIODS = [1, 7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

const positiveInt = (value: string | null) => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * The conversation the URL names right now. `update` changes the URL at once, while
 * `useSearchParams` follows in a later render: keys pressed in between (j j on a busy
 * machine) must move from where the URL already is, not from the last render.
 */
export function conversationInUrl(): number | null {
  return positiveInt(new URLSearchParams(window.location.search).get("c"));
}

export function useInboxUrl(isManager: boolean) {
  const params = useSearchParams();

  const state = useMemo<InboxUrlState>(() => {
    const tab = params.get("tab");
    const status = params.get("status");
    const allowedTab = (INBOX_TABS as readonly string[]).includes(tab ?? "") && (tab !== "all" || isManager);
    return {
      tab: allowedTab ? (tab as InboxTab) : "mine",
      conversationId: positiveInt(params.get("c")),
      q: params.get("q") ?? "",
      group: positiveInt(params.get("group")),
      status: (STATUS_FILTERS as readonly string[]).includes(status ?? "") ? (status as StatusFilter) : "open",
      assignee: params.get("assignee") === "none" ? "none" : positiveInt(params.get("assignee")),
      awaiting: params.get("awaiting") === "1",
      period: (PERIODS as readonly number[]).includes(Number(params.get("period"))) ? (Number(params.get("period")) as Period) : null,
      messageId: positiveInt(params.get("m")),
    };
  }, [params, isManager]);

  /** push: a step the back button should undo (opening a conversation, switching tabs). */
  const update = useCallback((patch: Partial<InboxUrlState>, options: { push?: boolean } = {}) => {
    const next = new URLSearchParams(window.location.search);
    const set = (key: string, value: string | number | null | undefined, fallback?: string) => {
      if (value === null || value === undefined || value === "" || value === fallback) next.delete(key);
      else next.set(key, String(value));
    };
    if ("tab" in patch) set("tab", patch.tab);
    if ("conversationId" in patch) set("c", patch.conversationId);
    if ("q" in patch) set("q", patch.q);
    if ("group" in patch) set("group", patch.group);
    if ("status" in patch) set("status", patch.status, "open");
    if ("assignee" in patch) set("assignee", patch.assignee);
    if ("awaiting" in patch) set("awaiting", patch.awaiting ? "1" : null);
    if ("period" in patch) set("period", patch.period);
    // A message to open at belongs to the conversation it was chosen with.
    if ("messageId" in patch || "conversationId" in patch) set("m", patch.messageId);
    const query = next.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (options.push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  return { state, update };
}
