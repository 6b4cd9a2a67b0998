"use client";

// The Mentions view: notes in which a colleague mentioned me, latest first, unread ones
// marked; a click opens the conversation (which reads its mentions), older ones load on
// scroll (keyset cursor).
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { readMentionsOf } from "@/app/actions/notes";
import { useI18n } from "@/components/i18n-provider";
import { formatDateTime, formatPhone } from "@/components/inbox/format";
import { useMentions } from "@/components/inbox/tool-queries";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { queryKeys } from "@/lib/realtime/query-keys";
import { mentionHref } from "./mention-alerts";

export function MentionsView() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const mentions = useMentions();
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = mentions;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && !isFetchingNextPage && void fetchNextPage());
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const items = mentions.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = mentions.data?.pages[0]?.unread ?? 0;
  return (
    <div className="flex flex-col gap-3">
      {unread > 0 && (
        <div>
          <Button
            kind="secondary"
            size="sm"
            onClick={async () => {
              await readMentionsOf({});
              await queryClient.invalidateQueries({ queryKey: queryKeys.mentions });
            }}
          >
            {t("mentions.markAllRead")}
          </Button>
        </div>
      )}
      {mentions.isSuccess && items.length === 0 && (
        <div className={cardClass}>
          <EmptyState title={t("mentions.empty")} />
        </div>
      )}
      <ul className="flex flex-col gap-2" data-testid="mentions-list">
        {items.map((m) => (
          <li key={m.id}>
            <Link
              href={mentionHref(m.conversationId)}
              className={`block rounded-xl p-3 shadow-xs ring-1 hover:ring-brand-300 ${m.read ? "bg-white ring-slate-200" : "bg-amber-50 ring-amber-200"}`}
              data-testid="mention-item"
              data-read={m.read ? "true" : "false"}
            >
              <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                {!m.read && <span className="rounded-full bg-amber-500 px-1.5 py-0.5 text-[10px] font-semibold text-white uppercase">{t("mentions.unread")}</span>}
                <span>{t("mentions.by", { author: m.authorName ?? "", contact: m.contactName ?? formatPhone(m.contactNumber), group: m.groupName })}</span>
                <time className="ml-auto" dateTime={m.createdAt}>
                  {formatDateTime(m.createdAt, locale)}
                </time>
              </p>
              <p className="mt-1 line-clamp-3 text-sm whitespace-pre-wrap text-slate-800">{m.body}</p>
            </Link>
          </li>
        ))}
      </ul>
      {hasNextPage && (
        <div ref={sentinel} className="flex justify-center">
          <Button kind="secondary" size="sm" onClick={() => void fetchNextPage()}>
            {t("mentions.more")}
          </Button>
        </div>
      )}
    </div>
  );
}
