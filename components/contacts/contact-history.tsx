"use client";

// The contact's earlier conversations above the current thread (docs/behaviour.md#the-inbox): each one
// collapsed to its group, dates and who handled it; opened, its messages and notes.
// Older ones load as the reader scrolls up to the end of the list (keyset cursor).
import { ChevronDown, ChevronRight, History } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { MessageBubble, PrivateNote } from "@/components/inbox/message-thread";
import { formatDateTime } from "@/components/inbox/format";
import { useContactHistory, useHistoryThread } from "@/components/inbox/tool-queries";
import type { EarlierConversation } from "@/lib/contacts/contact-history";
import { Button } from "@/components/ui/button";

export function ContactHistory({ conversationId, viewerId }: { conversationId: number; viewerId: number }) {
  const { t } = useI18n();
  const history = useContactHistory(conversationId);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;

  // The oldest end of the list came into view: fetch the page before it.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return null;
  // Oldest at the top, like the thread.
  const ordered = [...items].reverse();
  return (
    <section aria-label={t("contact.history.title")} className="mb-4 flex flex-col gap-2" data-testid="contact-history">
      {hasNextPage && (
        <div ref={sentinel} className="flex justify-center">
          <Button kind="link" size="sm" className="text-xs" onClick={() => void fetchNextPage()} data-testid="history-more">
            {t("contact.history.more")}
          </Button>
        </div>
      )}
      <h3 className="flex items-center justify-center gap-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
        <History className="h-3.5 w-3.5" aria-hidden="true" />
        {t("contact.history.title")}
      </h3>
      {ordered.map((earlier) => (
        <EarlierItem key={earlier.id} conversationId={conversationId} earlier={earlier} viewerId={viewerId} />
      ))}
    </section>
  );
}

function EarlierItem({ conversationId, earlier, viewerId }: { conversationId: number; earlier: EarlierConversation; viewerId: number }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const thread = useHistoryThread(conversationId, earlier.id, open);
  const Chevron = open ? ChevronDown : ChevronRight;
  return (
    <article className="rounded-lg bg-white/80 shadow-sm ring-1 ring-slate-200" data-testid="earlier-conversation" data-conversation-id={earlier.id}>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label={t(open ? "contact.history.collapse" : "contact.history.expand")}
        className="flex w-full items-start gap-2 px-3 py-2 text-left text-xs"
      >
        <Chevron className="mt-0.5 h-4 w-4 shrink-0 text-slate-500" aria-hidden="true" />
        <span className="min-w-0 flex-1">
          <span className="block font-medium text-slate-800">
            {t("contact.history.summary", {
              group: earlier.groupName,
              from: formatDateTime(earlier.createdAt, locale),
              to: earlier.closedAt ? formatDateTime(earlier.closedAt, locale) : t("contact.history.open"),
            })}
          </span>
          <span className="block text-slate-500" data-testid="earlier-handled-by">
            {earlier.handledBy.length > 0 ? t("contact.history.handledBy", { names: earlier.handledBy.join(", ") }) : t("contact.history.nobody")} ·{" "}
            {t("contact.history.messages", { count: earlier.messageCount })}
          </span>
        </span>
      </button>
      {open && (
        <ol className="flex flex-col gap-1.5 border-t border-slate-100 px-2 py-2" data-testid="earlier-messages">
          {thread.isPending && <li className="text-center text-xs text-slate-500">{t("common.loading")}</li>}
          {thread.data?.length === 0 && <li className="text-center text-xs text-slate-500">{t("contact.history.empty")}</li>}
          {thread.data?.map((message) =>
            message.direction === "internal" ? (
              <PrivateNote key={message.id} message={message} viewerId={viewerId} />
            ) : (
              <MessageBubble key={message.id} message={message} reaction={null} quoted={null} viewerId={viewerId} />
            ),
          )}
        </ol>
      )}
    </article>
  );
}
