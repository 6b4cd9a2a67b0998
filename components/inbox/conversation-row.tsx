"use client";

// One conversation in a list: contact, last message, group, and either how long it has
// waited (queue, live) or who has it.
import { memo } from "react";
import { useI18n } from "@/components/i18n-provider";
import { SNIPPET_MARK, type InboxConversation, type InboxTab } from "@/lib/inbox/types";
import { formatListTime, formatPhone, initials } from "./format";
import { formatDuration } from "@/components/ui/duration";
import { previewText } from "./message-preview";
import { PriorityBadge, SlaBadge } from "./service-level";

type Props = {
  conversation: InboxConversation;
  tab: InboxTab;
  selected: boolean;
  href: string;
  /** Only the queue ticks (its wait times are live). */
  now: number;
  onSelect: (conversationId: number, push?: boolean, messageId?: number | null) => void;
};

export const ConversationRow = memo(function ConversationRow({ conversation: c, tab, selected, href, now, onSelect }: Props) {
  const { t, locale } = useI18n();
  const name = c.contactName ?? formatPhone(c.contactNumber);
  const activity = c.lastMessageAt ?? c.queuedAt;
  const awaitingReply = c.status === "assigned" && c.awaitingReply;
  // Slate-500 is 4.3:1 on the selected row's slate-100: one step darker keeps 4.5:1.
  const muted = selected ? "text-slate-600" : "text-slate-500";

  return (
    <li>
      <a
        href={href}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          onSelect(c.id, true, c.match?.messageId ?? null);
        }}
        aria-current={selected ? "true" : undefined}
        data-testid="conversation-row"
        data-conversation-id={c.id}
        data-contact-number={c.contactNumber}
        data-status={c.status}
        data-unread={c.unreadCount}
        className={`flex gap-2.5 border-l-[3px] px-3 py-2 focus-visible:bg-slate-100 focus-visible:-outline-offset-2 ${
          selected ? "border-slate-800 bg-slate-100" : "border-transparent hover:bg-slate-50"
        }`}
      >
        {/* Compact (issue 31): two lines, so a laptop screen shows a dozen rows. One colour, one meaning
            (docs/architecture.md): selected is neutral ink, unread is a dark badge, awaiting reply is amber. */}
        <span className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-600" aria-hidden="true">
          {initials(c.contactName, c.contactNumber)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className={`flex-1 truncate text-sm leading-5 ${awaitingReply || c.unreadCount > 0 ? "font-semibold" : "font-medium"}`}>{name}</span>
            {c.unreadCount > 0 && (
              <span
                className="min-w-5 shrink-0 self-center rounded-full bg-slate-900 px-1.5 text-center text-[11px] leading-4 font-semibold text-white"
                data-testid="unread-count"
                title={t("inbox.list.unread", { count: c.unreadCount })}
                aria-label={t("inbox.list.unread", { count: c.unreadCount })}
              >
                {c.unreadCount}
              </span>
            )}
            <time dateTime={activity} className={`shrink-0 text-[11px] ${c.unreadCount > 0 ? "font-semibold text-slate-900" : muted}`}>
              {formatListTime(activity, locale, now, t)}
            </time>
          </span>
          <span className="mt-0.5 flex min-w-0 items-center gap-2 text-xs leading-5">
            {c.match ? (
              <span className="min-w-0 flex-1 truncate text-slate-600" data-testid="search-snippet">
                <span className={muted}>{t("inbox.search.inMessage")}: </span>
                <Snippet text={c.match.snippet} />
              </span>
            ) : (
              <span className="min-w-0 flex-1 truncate text-slate-600">
                {c.preview && c.preview.authorType === "user" && <span className={muted}>{t("inbox.preview.you")} </span>}
                {c.preview && c.preview.authorType === "system" && <span className={muted}>{t("inbox.preview.automatic")} </span>}
                {c.preview && previewText(c.preview, t)}
              </span>
            )}
            <span className="flex max-w-[65%] shrink-0 items-center gap-1.5 overflow-hidden text-[11px]">
              <PriorityBadge priority={c.priority} />
              <span className={`max-w-[7rem] shrink-0 truncate rounded px-1.5 font-medium text-slate-600 ${selected ? "bg-white" : "bg-slate-100"}`}>{c.groupName}</span>
              <SlaBadge facts={c} now={now} />
              {c.status === "queued" && (
                <span className="shrink-0 font-medium text-amber-700" data-testid="wait-time">
                  {t("inbox.list.waiting", { time: formatDuration(now - new Date(c.queuedAt).getTime(), t) })}
                </span>
              )}
              {c.status === "queued" && c.waitingReason && (
                <span className={`truncate ${muted}`} data-testid="row-waiting-reason">
                  {t(`inbox.waitingReason.${c.waitingReason}`)}
                </span>
              )}
              {tab !== "mine" && c.status !== "queued" && (
                <span className={`truncate ${muted}`}>{c.assigneeName ?? t("inbox.list.unassigned")}</span>
              )}
              {c.status === "closed" && <span className={`shrink-0 ${muted}`}>{t("inbox.conversationStatus.closed")}</span>}
              {c.status === "routing" && (
                <span className="shrink-0 rounded-full bg-violet-100 px-1.5 text-violet-800" data-testid="routing-badge">
                  {t("inbox.conversationStatus.routing")}
                </span>
              )}
              {awaitingReply && (
                <span className="flex shrink-0 items-center gap-1 text-amber-800" data-testid="awaiting-reply">
                  <span className="h-2 w-2 rounded-full bg-amber-500" aria-hidden="true" />
                  {t("inbox.list.awaitingReply")}
                </span>
              )}
            </span>
          </span>
        </span>
      </a>
    </li>
  );
});

/** A search snippet: the server marks the matched words with private-use characters; shown as <mark>, never as HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(SNIPPET_MARK.start);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part}</span>;
        const [marked, rest = ""] = part.split(SNIPPET_MARK.end);
        return (
          <span key={i}>
            <mark className="rounded bg-yellow-200 px-0.5 text-slate-900">{marked}</mark>
            {rest}
          </span>
        );
      })}
    </>
  );
}
