"use client";

// Mentions on every page (mounted in the app shell): a `mention.created` signal for me —
// sent only to my user room, and only if I may see the conversation — shows a card with
// who mentioned me and opens the conversation, or a browser notification when the tab is
// hidden. Self-contained on purpose: the app shell's alerting (sound, batching, tab
// title) can take `useMentionSignal` as one more source and drop this card.
import { useQueryClient } from "@tanstack/react-query";
import { AtSign, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { useMentions } from "@/components/inbox/tool-queries";
import { useRealtimeSignal } from "@/components/realtime-provider";
import { fetchJson } from "@/components/ui/fetch-json";
import type { MentionItem, MentionsPage } from "@/lib/notes/mentions";
import { queryKeys } from "@/lib/realtime/query-keys";
import { Button } from "@/components/ui/button";
import { playAlertSound } from "@/components/shell/alert-sound";

export const mentionHref = (conversationId: number) => `/inbox?c=${conversationId}`;

/** Calls `onMention` with each new mention of `userId` (read from the server: the signal carries no content). */
export function useMentionSignal(userId: number, onMention: (mention: MentionItem) => void) {
  const queryClient = useQueryClient();
  useRealtimeSignal((signal) => {
    if (signal.type !== "mention.created" || signal.userId !== userId) return;
    void queryClient
      .fetchQuery({ queryKey: [...queryKeys.mentions, "latest"], queryFn: () => fetchJson<MentionsPage>("/api/v1/me/mentions"), staleTime: 0 })
      .then((page) => {
        const mention = page.items.find((m) => m.id === signal.mentionId);
        if (mention) onMention(mention);
      })
      .catch(() => {});
  });
}

export function MentionAlerts({ userId }: { userId: number }) {
  const { t } = useI18n();
  const [latest, setLatest] = useState<MentionItem | null>(null);
  const [count, setCount] = useState(0);
  useMentionSignal(userId, (mention) => {
    setCount((c) => c + 1);
    // A mention is someone asking for you: it sounds like the other alerts (and obeys the same switch).
    playAlertSound();
    const title = t("mentions.alert.title", { author: mention.authorName ?? "" });
    const hidden = document.visibilityState !== "visible";
    if (hidden && typeof Notification !== "undefined" && Notification.permission === "granted") {
      const notification = new Notification(title, { body: mention.body, tag: `mention-${mention.id}` });
      notification.onclick = () => {
        window.focus();
        window.location.assign(mentionHref(mention.conversationId));
      };
    }
    setLatest(mention);
  });
  return (
    <>
      <span hidden data-testid="mention-alerts" data-count={count} />
      {latest && (
        <div role="status" className="fixed right-4 bottom-4 z-50 w-[min(22rem,calc(100vw-2rem))] rounded-xl bg-white p-3 shadow-lg ring-1 ring-amber-200" data-testid="mention-alert">
          <div className="flex items-start gap-2">
            <AtSign className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden="true" />
            <div className="min-w-0 flex-1">
              <p className="text-sm font-semibold">{t("mentions.alert.title", { author: latest.authorName ?? "" })}</p>
              <p className="line-clamp-2 text-xs text-slate-600">{latest.body}</p>
              <Link href={mentionHref(latest.conversationId)} onClick={() => setLatest(null)} className="mt-1 inline-block text-xs font-medium text-brand-700 hover:underline">
                {t("mentions.alert.open")}
              </Link>
            </div>
            <Button kind="icon" size="sm" onClick={() => setLatest(null)} aria-label={t("mentions.alert.dismiss")}>
              <X className="h-4 w-4" aria-hidden="true" />
            </Button>
          </div>
        </div>
      )}
    </>
  );
}

/** The unread count next to "Mentions" in the navigation. */
export function MentionsBadge() {
  const { t } = useI18n();
  const mentions = useMentions();
  const unread = mentions.data?.pages[0]?.unread ?? 0;
  if (unread === 0) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-500 px-1.5 py-0.5 text-[11px] leading-none font-semibold text-white" data-testid="mentions-unread" aria-label={t("mentions.unread")}>
      {unread}
    </span>
  );
}
