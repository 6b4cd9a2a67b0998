"use client";

// The thread: messages oldest first under a separator per day, the contact's on the
// left and ours on the right with delivery ticks; reactions, edits and deletions are
// shown on the message they concern, notes from WhatsApp (number changed…) in the
// middle. It follows new messages while the reader is at the bottom.
import { useLayoutEffect, useMemo, useRef } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ThreadMessage } from "@/lib/inbox/types";
import type { InboundPayload } from "@/lib/whatsapp/inbound-message-content";
import { DeliveryTicks, failureText } from "./delivery-ticks";
import { dayKey, formatDay, formatTime } from "./format";
import { MessageContent, SystemNote } from "./message-content";
import { useNow } from "@/components/ui/use-now";

// Each day is its own block so that its separator sticks only while the day is in view.
type Day = { key: string; iso: string; items: { message: ThreadMessage; reaction: string | null; edited: boolean; deleted: boolean }[] };

/**
 * What later messages say about earlier ones: the latest reaction to each message (an
 * empty one removes it), its latest edit, whether it was deleted, and which of those
 * later messages found their message (they are shown on it, not on their own).
 */
export function annotationsOf(messages: ThreadMessage[]) {
  const byWamid = new Map(messages.filter((m) => m.waMessageId).map((m) => [m.waMessageId!, m]));
  const reactions = new Map<string, string | null>();
  const edits = new Map<string, ThreadMessage>();
  const deleted = new Set<string>();
  const attached = new Set<number>();
  for (const message of messages) {
    const payload = message.payload as InboundPayload | null;
    const target = payload?.reaction?.messageId ?? payload?.edit?.originalMessageId ?? payload?.revoke?.originalMessageId;
    if (!target || !byWamid.has(target)) continue;
    if (payload?.reaction) reactions.set(target, payload.reaction.emoji);
    else if (payload?.edit) edits.set(target, message);
    else deleted.add(target);
    attached.add(message.id);
  }
  return { reactions, edits, deleted, attached, byWamid };
}

export function MessageThread({ messages, loading, label, viewerId }: { messages: ThreadMessage[]; loading: boolean; label: string; viewerId: number }) {
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const { reactions, edits, deleted, attached, byWamid } = useMemo(() => annotationsOf(messages), [messages]);

  const days = useMemo(() => {
    const out: Day[] = [];
    for (const original of messages) {
      if (attached.has(original.id)) continue;
      const key = dayKey(original.createdAt);
      if (out.at(-1)?.key !== key) out.push({ key, iso: original.createdAt, items: [] });
      const wamid = original.waMessageId;
      const edit = wamid ? edits.get(wamid) : undefined;
      // An edited message reads as it is now; the original text stays in the database.
      const message = edit ? { ...original, body: edit.body } : original;
      out.at(-1)!.items.push({ message, reaction: wamid ? (reactions.get(wamid) ?? null) : null, edited: Boolean(edit), deleted: wamid ? deleted.has(wamid) : false });
    }
    return out;
  }, [messages, attached, reactions, edits, deleted]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [days]);

  // "Today" and "Yesterday" move on at midnight.
  // Null only while hydrating, before any conversation is loaded.
  const now = useNow(60_000) ?? 0;
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
              {day.items.map(({ message, reaction, edited, deleted }) =>
                message.type === "system" && (message.payload as InboundPayload | null)?.system ? (
                  <li key={message.id} className="flex justify-center" data-testid="message" data-direction={message.direction} data-message-type="system">
                    <span className="max-w-[85%] rounded-md bg-amber-50 px-3 py-1.5 text-center text-xs shadow-sm ring-1 ring-amber-100">
                      <SystemNote system={(message.payload as InboundPayload).system!} />
                      <time className="mt-0.5 block text-[10px] text-slate-500" dateTime={message.createdAt}>
                        {formatTime(message.createdAt, locale)}
                      </time>
                    </span>
                  </li>
                ) : (
                  <MessageBubble
                    key={message.id}
                    message={message}
                    reaction={reaction}
                    edited={edited}
                    deleted={deleted}
                    quoted={quotedOf(message, byWamid)}
                    viewerId={viewerId}
                  />
                ),
              )}
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
  edited = false,
  deleted = false,
  quoted,
  viewerId,
}: {
  message: ThreadMessage;
  reaction: string | null;
  edited?: boolean;
  deleted?: boolean;
  quoted: ThreadMessage | "unknown" | null;
  viewerId: number;
}) {
  const { t, locale } = useI18n();
  const outbound = message.direction === "out";
  const payload = (message.payload ?? {}) as InboundPayload;
  const context = payload.context as { forwarded?: boolean; frequently_forwarded?: boolean } | undefined;
  const forwardedLabel = context?.frequently_forwarded ? t("whatsapp.message.forwardedMany") : context?.forwarded ? t("inbox.message.forwarded") : null;
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
        {forwardedLabel && (
          <p className="mb-0.5 text-[11px] text-slate-500 italic" data-testid="forwarded">
            {forwardedLabel}
          </p>
        )}
        {deleted && (
          <p className="mb-0.5 text-[11px] font-medium text-red-700" data-testid="deleted">
            {t("whatsapp.message.deleted")}
          </p>
        )}
        {quoted && (
          <p className="mb-1 truncate rounded border-l-4 border-brand-500 bg-black/5 px-2 py-1 text-xs text-slate-600">
            {quoted === "unknown" ? t("inbox.message.inReply") : (quoted.body ?? t("inbox.message.inReply"))}
          </p>
        )}
        <div className={deleted ? "opacity-60" : undefined}>
          <MessageContent message={message} />
        </div>
        {payload.referral && <p className="mt-1 text-[11px] text-slate-500">{t("inbox.message.fromAd")}</p>}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-500">
          {edited && <span data-testid="edited">{t("whatsapp.message.edited")} ·</span>}
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
