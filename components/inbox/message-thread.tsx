"use client";

// The thread: messages oldest first under a separator per day, the contact's on the
// left and ours on the right with delivery ticks; reactions are shown on the message
// they react to. It follows new messages while the reader is at the bottom.
import { useLayoutEffect, useMemo, useRef } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ThreadMessage } from "@/lib/inbox/types";
import type { InboundPayload } from "@/lib/whatsapp/inbound-message-content";
import { DeliveryTicks, failureText } from "./delivery-ticks";
import { dayKey, formatDay, formatTime } from "./format";
import { MessageContent } from "./message-content";
import { useNow } from "./use-now";

// Each day is its own block so that its separator sticks only while the day is in view.
type Day = { key: string; iso: string; items: { message: ThreadMessage; reaction: string | null }[] };

/** The latest reaction to each message (an empty one removes it) and the reactions that found their message. */
function reactionsOf(messages: ThreadMessage[]) {
  const byWamid = new Map(messages.filter((m) => m.waMessageId).map((m) => [m.waMessageId!, m]));
  const reactions = new Map<string, string | null>();
  const attached = new Set<number>();
  for (const message of messages) {
    const reaction = (message.payload as InboundPayload | null)?.reaction;
    if (message.type !== "reaction" || !reaction || !byWamid.has(reaction.messageId)) continue;
    reactions.set(reaction.messageId, reaction.emoji);
    attached.add(message.id);
  }
  return { reactions, attached, byWamid };
}

export function MessageThread({ messages, loading, label, viewerId }: { messages: ThreadMessage[]; loading: boolean; label: string; viewerId: number }) {
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const { reactions, attached, byWamid } = useMemo(() => reactionsOf(messages), [messages]);

  const days = useMemo(() => {
    const out: Day[] = [];
    for (const message of messages) {
      if (attached.has(message.id)) continue;
      const key = dayKey(message.createdAt);
      if (out.at(-1)?.key !== key) out.push({ key, iso: message.createdAt, items: [] });
      out.at(-1)!.items.push({ message, reaction: message.waMessageId ? (reactions.get(message.waMessageId) ?? null) : null });
    }
    return out;
  }, [messages, attached, reactions]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [days]);

  // "Today" and "Yesterday" move on at midnight.
  const now = useNow(60_000);
  return (
    <div
      ref={scroller}
      role="log"
      aria-label={label}
      data-testid="message-thread"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
      className="min-h-0 flex-1 overflow-y-auto bg-[#efeae2] px-3 py-4 sm:px-6"
    >
      {days.length === 0 && <p className="mt-10 text-center text-sm text-slate-500">{loading ? t("common.loading") : t("inbox.view.noMessages")}</p>}
      <div className="mx-auto flex max-w-3xl flex-col gap-3">
        {days.map((day) => (
          <section key={day.key} aria-label={formatDay(day.iso, locale, now, t)}>
            <p className="sticky top-0 z-10 flex justify-center py-1" data-testid="day-separator">
              <span className="rounded-md bg-white px-2.5 py-1 text-[11px] font-medium text-slate-600 shadow-sm">{formatDay(day.iso, locale, now, t)}</span>
            </p>
            <ol className="mt-1.5 flex flex-col gap-1.5">
              {day.items.map(({ message, reaction }) => (
                <MessageBubble key={message.id} message={message} reaction={reaction} quoted={quotedOf(message, byWamid)} viewerId={viewerId} />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}

function quotedOf(message: ThreadMessage, byWamid: Map<string, ThreadMessage>): ThreadMessage | "unknown" | null {
  const context = (message.payload as InboundPayload | null)?.context as { id?: string } | undefined;
  if (!context?.id) return null;
  return byWamid.get(context.id) ?? "unknown";
}

function MessageBubble({
  message,
  reaction,
  quoted,
  viewerId,
}: {
  message: ThreadMessage;
  reaction: string | null;
  quoted: ThreadMessage | "unknown" | null;
  viewerId: number;
}) {
  const { t, locale } = useI18n();
  const outbound = message.direction === "out";
  const payload = (message.payload ?? {}) as InboundPayload;
  const forwarded = Boolean((payload.context as { forwarded?: boolean } | undefined)?.forwarded);
  const failed = message.status === "failed";
  const author =
    message.authorType === "system"
      ? t("inbox.message.automatic")
      : outbound && message.authorId === viewerId
        ? t("inbox.view.you")
        : outbound
          ? message.authorName
          : null;

  return (
    <li className={`flex ${outbound ? "justify-end" : "justify-start"}`} data-testid="message" data-direction={message.direction} data-message-type={message.type}>
      <div
        className={`relative max-w-[85%] rounded-lg px-3 py-2 text-sm shadow-sm sm:max-w-[70%] ${
          outbound ? "bg-[#d9fdd3] text-slate-900" : "bg-white text-slate-900"
        } ${failed ? "ring-1 ring-red-300" : ""} ${reaction ? "mb-3" : ""}`}
      >
        {author && (
          <p className={`mb-0.5 text-[11px] font-semibold ${message.authorType === "system" ? "text-slate-500" : "text-brand-700"}`}>
            {author}
          </p>
        )}
        {forwarded && <p className="mb-0.5 text-[11px] text-slate-500 italic">{t("inbox.message.forwarded")}</p>}
        {quoted && (
          <p className="mb-1 truncate rounded border-l-4 border-brand-500 bg-black/5 px-2 py-1 text-xs text-slate-600">
            {quoted === "unknown" ? t("inbox.message.inReply") : (quoted.body ?? t("inbox.message.inReply"))}
          </p>
        )}
        <MessageContent message={message} />
        {payload.referral && <p className="mt-1 text-[11px] text-slate-500">{t("inbox.message.fromAd")}</p>}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-500">
          <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
          {outbound && <DeliveryTicks message={message} />}
        </p>
        {failed && (message.failureReason || message.failureCode) && (
          <p className="mt-1 text-xs text-red-700">{t("inbox.delivery.failedReason", { reason: failureText(message, t) })}</p>
        )}
        {reaction && (
          <span
            className={`absolute -bottom-3 ${outbound ? "right-2" : "left-2"} rounded-full bg-white px-1.5 py-0.5 text-sm leading-none shadow ring-1 ring-slate-200`}
            aria-label={t("inbox.message.reaction", { emoji: reaction })}
            data-testid="reaction"
          >
            {reaction}
          </span>
        )}
      </div>
    </li>
  );
}
