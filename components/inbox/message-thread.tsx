"use client";

// The thread: messages oldest first under a separator per day, the contact's on the
// left and ours on the right with delivery ticks; reactions, edits and deletions are
// shown on the message they concern, notes from WhatsApp (number changed…) in the
// middle, private notes of the team in amber (never sent); the contact's earlier
// conversations (`before`) sit above the first message; assignment events (docs/behaviour.md#why-this-agent) sit in line between the messages, in time
// order. It follows new messages while the reader is at the bottom, loads older pages
// when the reader reaches the top, and can open at one message (a search result).
import { Lock } from "lucide-react";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ActivityEvent } from "@/lib/inbox/conversation-activity";
import type { ThreadMessage } from "@/lib/inbox/types";
import type { InboundPayload } from "@/lib/whatsapp/inbound-message-content";
import { DeliveryTicks, failureText } from "./delivery-ticks";
import { dayKey, formatDay, formatTime } from "./format";
import { ActivityLine } from "./activity-line";
import { MessageContent, SystemNote } from "./message-content";
import { useNow } from "@/components/ui/use-now";
import { Button } from "@/components/ui/button";

// Each day is its own block so that its separator sticks only while the day is in view.
type Bubble = { message: ThreadMessage; reaction: string | null; edited: boolean; deleted: boolean; event?: undefined };
type Item = Bubble | { event: ActivityEvent; message?: undefined };
type Day = { key: string; iso: string; items: Item[] };

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

export function MessageThread({
  messages,
  activity = [],
  loading,
  label,
  viewerId,
  older,
  focusMessageId = null,
  before,
}: {
  messages: ThreadMessage[];
  activity?: ActivityEvent[];
  loading: boolean;
  label: string;
  viewerId: number;
  /** Older pages: whether there are more, and how to load the next one. */
  older?: { has: boolean; loading: boolean; load: () => void };
  /** Scroll to this message and mark it (loading older pages until it is there). */
  focusMessageId?: number | null;
  /** Above the first message: the contact's earlier conversations. */
  before?: React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Where the reader was before older messages were put above: the same messages stay in view.
  const heightBefore = useRef<number | null>(null);
  const focused = useRef<number | null>(null);
  const focusPresent = focusMessageId !== null && messages.some((m) => m.id === focusMessageId);
  const { reactions, edits, deleted, attached, byWamid } = useMemo(() => annotationsOf(messages), [messages]);

  const days = useMemo(() => {
    const out: Day[] = [];
    const bubbleOf = (original: ThreadMessage): Bubble => {
      const wamid = original.waMessageId;
      const edit = wamid ? edits.get(wamid) : undefined;
      // An edited message reads as it is now; the original text stays in the database.
      const message = edit ? { ...original, body: edit.body } : original;
      return { message, reaction: wamid ? (reactions.get(wamid) ?? null) : null, edited: Boolean(edit), deleted: wamid ? deleted.has(wamid) : false };
    };
    const timed: { at: string; item: Item }[] = [
      ...messages.filter((message) => !attached.has(message.id)).map((message) => ({ at: message.createdAt, item: bubbleOf(message) })),
      ...activity.map((event) => ({ at: event.at, item: { event } })),
    ];
    // Stable: at equal times a message stays before the event it caused.
    timed.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    for (const { at, item } of timed) {
      const key = dayKey(at);
      if (out.at(-1)?.key !== key) out.push({ key, iso: at, items: [] });
      out.at(-1)!.items.push(item);
    }
    return out;
  }, [messages, activity, attached, reactions, edits, deleted]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBefore.current !== null && !atBottom.current) el.scrollTop += el.scrollHeight - heightBefore.current;
    else if (atBottom.current && focusMessageId === null) el.scrollTop = el.scrollHeight;
    heightBefore.current = null;
  }, [days, focusMessageId]);

  const loadOlder = () => {
    if (!older?.has || older.loading) return;
    heightBefore.current = scroller.current?.scrollHeight ?? null;
    older.load();
  };

  // Open at a message: load older pages until it is there, then bring it into view, once.
  useEffect(() => {
    if (focusMessageId === null || focused.current === focusMessageId) return;
    if (!focusPresent) {
      if (older?.has && !older.loading) older.load();
      return;
    }
    const element = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${focusMessageId}"]`);
    if (!element) return;
    focused.current = focusMessageId;
    atBottom.current = false;
    element.dataset.focused = "true";
    element.scrollIntoView({ block: "center" });
  }, [focusMessageId, focusPresent, older, days]);

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
        if (el.scrollTop < 150) loadOlder();
      }}
      className="min-h-0 flex-1 overflow-y-auto bg-[#efeae2] px-3 py-4 sm:px-6"
    >
      <div className="mx-auto max-w-3xl">{before}</div>
      {days.length === 0 && <p className="mt-10 text-center text-sm text-slate-500">{loading ? t("common.loading") : t("inbox.view.noMessages")}</p>}
      {older?.has && (
        <p className="flex justify-center pb-3">
          <Button kind="secondary" size="sm" className="shadow-sm" onClick={loadOlder} disabled={older.loading} data-testid="load-older">
            {older.loading ? t("common.loading") : t("inbox.thread.older")}
          </Button>
        </p>
      )}
      <div className="mx-auto flex max-w-3xl flex-col gap-3">
        {days.map((day) => (
          <section key={day.key} aria-label={formatDay(day.iso, locale, now, t)}>
            <p className="sticky top-0 z-10 flex justify-center py-1" data-testid="day-separator">
              <span className="rounded-md bg-white px-2.5 py-1 text-[11px] font-medium text-slate-600 shadow-sm">{formatDay(day.iso, locale, now, t)}</span>
            </p>
            <ol className="mt-1.5 flex flex-col gap-1.5">
              {day.items.map((item) =>
                item.event ? (
                  <ActivityLine key={`e${item.event.id}`} event={item.event} viewerId={viewerId} />
                ) : item.message.direction === "internal" ? (
                  <PrivateNote key={item.message.id} message={item.message} viewerId={viewerId} />
                ) : item.message.type === "system" && (item.message.payload as InboundPayload | null)?.system ? (
                  <li key={item.message.id} className="flex justify-center" data-testid="message" data-direction={item.message.direction} data-message-type="system">
                    <span className="max-w-[85%] rounded-md bg-amber-50 px-3 py-1.5 text-center text-xs shadow-sm ring-1 ring-amber-100">
                      <SystemNote system={(item.message.payload as InboundPayload).system!} />
                      <time className="mt-0.5 block text-[10px] text-slate-500" dateTime={item.message.createdAt}>
                        {formatTime(item.message.createdAt, locale)}
                      </time>
                    </span>
                  </li>
                ) : (
                  <MessageBubble
                    key={item.message.id}
                    message={item.message}
                    reaction={item.reaction}
                    edited={item.edited}
                    deleted={item.deleted}
                    quoted={quotedOf(item.message, byWamid)}
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

export function MessageBubble({
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
    <li
      className={`flex scroll-my-16 rounded-lg ${outbound ? "justify-end" : "justify-start"} data-[focused=true]:bg-yellow-200/70 data-[focused=true]:ring-2 data-[focused=true]:ring-yellow-300`}
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-message-type={message.type}
    >
      <div
        className={`relative max-w-[85%] rounded-lg px-3 py-2 text-sm shadow-sm sm:max-w-[70%] ${
          outbound ? "bg-[#d9fdd3] text-slate-900" : "bg-white text-slate-900"
        } ${failed ? "ring-1 ring-red-300" : ""} ${reaction ? "mb-3" : ""}`}
      >
        {author && (
          <p className={`mb-0.5 text-[11px] font-semibold ${message.authorType === "system" ? "text-slate-600" : "text-brand-700"}`}>
            {author}
          </p>
        )}
        {forwardedLabel && (
          <p className="mb-0.5 text-[11px] text-slate-600 italic" data-testid="forwarded">
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
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-600">
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

/** A private note of the team: amber, marked as such, with who wrote it and whom it mentioned. */
export function PrivateNote({ message, viewerId }: { message: ThreadMessage; viewerId: number }) {
  const { t, locale } = useI18n();
  return (
    <li className="flex justify-end" data-testid="message" data-direction="internal" data-message-type="note">
      <div className="max-w-[90%] rounded-lg border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-sm text-slate-900 shadow-sm sm:max-w-[75%]">
        <p className="mb-0.5 flex items-center gap-1.5 text-[11px] font-semibold text-amber-800">
          <Lock className="h-3 w-3" aria-hidden="true" />
          {t("note.badge")} · {message.authorId === viewerId ? t("inbox.view.you") : message.authorName}
        </p>
        <p className="break-words whitespace-pre-wrap">{message.body}</p>
        <p className="mt-0.5 text-right text-[11px] text-slate-500">
          <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
        </p>
      </div>
    </li>
  );
}
