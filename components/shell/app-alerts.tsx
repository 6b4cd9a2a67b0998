"use client";

// Alerts on every page of the app (docs/behaviour.md#the-inbox): a conversation assigned to me by someone else
// and a customer message in one of my conversations play a sound and, when the tab is not
// in front, show a browser notification (an in-page message when it is). Alerts arriving
// less than BURST_MS apart become one ("7 new conversations for you"). The tab title
// carries how many of my conversations have unread messages.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { formatPhone } from "@/components/inbox/format";
import { previewText } from "@/components/inbox/message-preview";
import { fetchJson } from "@/components/ui/fetch-json";
import type { ThreadMessage } from "@/lib/inbox/types";
import { fetchConversationDetail, useUnreadCounts } from "@/components/inbox/inbox-queries";
import { useRealtimeSignal } from "@/components/realtime-provider";
import { useToast } from "@/components/ui/toast";
import type { Translate } from "@/lib/i18n/translate";
import { queryKeys } from "@/lib/realtime/query-keys";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { playAlertSound, useQueueAlertsOn } from "./alert-sound";

/** An alert waits this long for more to join it (each arrival restarts the wait)… */
export const BURST_MS = 1500;
/** …but never longer than this after the first. */
const BURST_MAX_MS = 6000;

type Pending = { kind: "assigned" | "message" | "breached" | "queued"; conversationId: number; messageId?: number };

/**
 * What to alert for, if anything: an assignment by someone else, the contact writing in
 * one of mine, or (for agents, who hear only their groups' signals) a conversation
 * arriving in or returned to a queue they can take from.
 */
export function alertOf(signal: RealtimeSignal, userId: number, options: { queue: boolean } = { queue: false }): Pending | null {
  if (signal.type === "conversation.changed") {
    if (signal.status === "queued") {
      const arrived = signal.kind === "opened" || (signal.kind === "requeue" && signal.actorId !== userId);
      return options.queue && arrived ? { kind: "queued", conversationId: signal.conversationId } : null;
    }
    if (signal.status !== "assigned" || signal.assigneeId !== userId) return null;
    if (signal.previousAssigneeId === userId || signal.actorId === userId) return null;
    return { kind: "assigned", conversationId: signal.conversationId };
  }
  // Sent to managers only (lib/realtime/signals.ts): a conversation passed its target (docs/behaviour.md#service-levels).
  if (signal.type === "sla.breached") return { kind: "breached", conversationId: signal.conversationId };
  if (signal.type === "message.created" && signal.direction === "in" && signal.assigneeId === userId) {
    return { kind: "message", conversationId: signal.conversationId, messageId: signal.messageId };
  }
  return null;
}

/** The words of one alert for everything that came in one burst. */
function burstText(burst: Pending[], t: Translate): string {
  const breached = new Set(burst.filter((p) => p.kind === "breached").map((p) => p.conversationId)).size;
  if (breached === burst.length) return t("sla.alert.breached", { count: breached });
  const queued = new Set(burst.filter((p) => p.kind === "queued").map((p) => p.conversationId)).size;
  if (queued === burst.length) return t("inbox.alert.queuedMany", { count: queued });
  const conversations = new Set(burst.filter((p) => p.kind === "assigned").map((p) => p.conversationId)).size;
  const messages = burst.filter((p) => p.kind === "message").length;
  if (conversations && messages) return t("inbox.alert.mixed", { conversations, messages });
  return conversations ? t("inbox.alert.assignedMany", { count: conversations }) : t("inbox.alert.messagesMany", { count: messages });
}

/** The first line of a message as the conversation list would show it, read from the server (signals carry no content). */
async function firstLineOf(conversationId: number, messageId: number, t: Translate): Promise<string | null> {
  const thread = await fetchJson<ThreadMessage[]>(`/api/v1/conversations/${conversationId}/messages`).catch(() => null);
  const message = thread?.find((m) => m.id === messageId);
  if (!message) return null;
  const line = previewText(message, t).split("\n")[0]!.trim();
  return line.length > MAX_ALERT_CHARS ? `${line.slice(0, MAX_ALERT_CHARS - 1)}…` : line;
}
const MAX_ALERT_CHARS = 120;

/** Is this conversation open and visible in this tab (then a new message needs no alert)? */
function onScreen(conversationId: number): boolean {
  return (
    document.visibilityState === "visible" &&
    window.location.pathname === "/inbox" &&
    new URLSearchParams(window.location.search).get("c") === String(conversationId)
  );
}

export function AppAlerts({ userId, isManager }: { userId: number; isManager: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const queryClient = useQueryClient();
  const notify = useToast();
  const pending = useRef<Pending[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const burstStarted = useRef(0);
  const [shown, setShown] = useState({ alerts: 0, lastSize: 0, lastKinds: "" });
  const unread = useUnreadCounts();
  const titleCount = unread.data?.mine ?? 0;

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // "(3) Fila": kept in front of whatever title each page sets.
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(/^\(\d+\) /, "");
      const next = titleCount > 0 ? `(${titleCount}) ${base}` : base;
      if (document.title !== next) document.title = next;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(/^\(\d+\) /, "");
    };
  }, [titleCount]);

  const open = (conversationId: number | null) => router.push(conversationId ? `/inbox?c=${conversationId}` : "/inbox");

  const show = async (arrived: Pending[]) => {
    // A queue arrival that someone has taken (or the engine assigned) meanwhile is no news.
    const burst = (
      await Promise.all(
        arrived.map(async (p) => {
          if (p.kind !== "queued") return p;
          const detail = await queryClient
            .fetchQuery({ queryKey: queryKeys.conversation(p.conversationId), queryFn: () => fetchConversationDetail(p.conversationId), staleTime: 0 })
            .catch(() => null);
          return detail?.status === "queued" ? p : null;
        }),
      )
    ).filter((p): p is Pending => p !== null);
    if (burst.length === 0) return;
    setShown((s) => ({ alerts: s.alerts + 1, lastSize: burst.length, lastKinds: [...new Set(burst.map((p) => p.kind))].sort().join(" ") }));
    playAlertSound();
    const single = burst.length === 1 ? burst[0]! : null;
    let title = burstText(burst, t);
    let body = "";
    if (single) {
      const detail = await queryClient
        .fetchQuery({ queryKey: queryKeys.conversation(single.conversationId), queryFn: () => fetchConversationDetail(single.conversationId), staleTime: 0 })
        .catch(() => null);
      const contact = detail ? (detail.contact.name ?? formatPhone(detail.contact.number)) : "";
      title =
        single.kind === "breached"
          ? t("sla.alert.breached", { count: 1 })
          : single.kind === "queued"
            ? t("inbox.alert.queued.title", { group: detail?.group.name ?? "" })
          : single.kind === "assigned"
            ? t("inbox.alert.assigned.title")
            : t("inbox.alert.message.title", { contact });
      body = detail ? t("inbox.alert.assigned.body", { contact, group: detail.group.name }) : "";
      // A message alert says what the customer wrote (its first line), not who again.
      if (single.kind === "message" && single.messageId !== undefined) body = (await firstLineOf(single.conversationId, single.messageId, t)) ?? body;
    }
    const inFront = document.visibilityState === "visible" && document.hasFocus();
    if (!inFront && typeof Notification !== "undefined" && Notification.permission === "granted") {
      const notification = new Notification(title, { body, tag: single ? `conversation-${single.conversationId}` : "fila-burst" });
      notification.onclick = () => {
        window.focus();
        open(single?.conversationId ?? null);
        notification.close();
      };
    } else notify("info", body ? `${title}: ${body}` : title);
  };

  const queueAlerts = useQueueAlertsOn();
  useRealtimeSignal((signal) => {
    // Managers hear every group's queue: their queue alerts would be every arrival.
    const alert = alertOf(signal, userId, { queue: queueAlerts && !isManager });
    if (!alert || (alert.kind === "message" && onScreen(alert.conversationId))) return;
    if (pending.current.length === 0) burstStarted.current = Date.now();
    pending.current.push(alert);
    if (timer.current) clearTimeout(timer.current);
    const flush = () => {
      const burst = pending.current;
      pending.current = [];
      timer.current = null;
      void show(burst);
    };
    timer.current = setTimeout(flush, Math.max(0, Math.min(BURST_MS, burstStarted.current + BURST_MAX_MS - Date.now())));
  });

  return <span hidden data-testid="app-alerts" data-alerts={shown.alerts} data-last-size={shown.lastSize} data-last-kinds={shown.lastKinds} data-title-count={titleCount} />;
}
