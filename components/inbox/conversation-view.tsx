"use client";

// The open conversation: who it is with, where it stands (group, assignee, status,
// times), for managers why it went to its agent, the thread with the contact's earlier
// conversations above it and its assignment events in line, the reply box (replies and
// private notes), and the contact side panel (beside it on wide screens, over it on a
// phone); the actions sit in the header.
import { ChevronLeft, UserRound } from "lucide-react";
import { useEffect, useState } from "react";
import { readMentionsOf } from "@/app/actions/notes";
import { ContactHistory } from "@/components/contacts/contact-history";
import { ContactPanel } from "@/components/contacts/contact-panel";
import { useI18n } from "@/components/i18n-provider";
import type { ConversationDetail } from "@/lib/inbox/types";
import { describeActionError } from "@/components/ui/action-error";
import { ConversationActions } from "./conversation-actions";
import type { GroupMove, HandOverTarget } from "./transfer-picker";
import { formatDateTime, formatPhone, initials } from "./format";
import { formatDuration } from "@/components/ui/duration";
import { ApiError } from "@/components/ui/fetch-json";
import { useActivity, useConversationDetail, useThread } from "./inbox-queries";
import { MessageThread } from "./message-thread";
import { ReplyBox } from "./reply-box";
import { SeenReporter } from "./seen-reporter";
import { useSendFile } from "./use-send-file";
import { PRESENCE_DOT } from "@/components/ui/badge";
import type { Viewer } from "./use-conversation-actions";
import { useNow } from "@/components/ui/use-now";
import { PriorityPicker, SlaBadge } from "./service-level";
import { WhyPanel } from "./why-panel";
import { Button } from "@/components/ui/button";

type Props = {
  conversationId: number;
  /** Open at this message (a search result). */
  focusMessageId?: number | null;
  viewer: Viewer;
  maxReplyLength: number;
  busy: boolean;
  onBack: () => void;
  onTake: (conversation: ConversationDetail) => void;
  onClose: (conversation: ConversationDetail) => void;
  onReopen: (conversation: ConversationDetail) => void;
  onHandOver: (conversation: ConversationDetail, to: HandOverTarget, asManager: boolean, move?: GroupMove) => void;
  onReply: (conversation: ConversationDetail, body: string) => Promise<unknown>;
  onNote: (conversation: ConversationDetail, body: string, mentions: number[]) => Promise<unknown>;
};

const wideEnoughForPanel = () => window.matchMedia("(min-width: 1536px)").matches;

export const STATUS_BADGE = {
  queued: "bg-amber-100 text-amber-800",
  assigned: "bg-emerald-100 text-emerald-800",
  closed: "bg-slate-200 text-slate-700",
  routing: "bg-violet-100 text-violet-800",
} as const;

export function ConversationView(props: Props) {
  const { t, locale } = useI18n();
  const detail = useConversationDetail(props.conversationId);
  const thread = useThread(props.conversationId);
  const activity = useActivity(props.conversationId);
  const { sendFile, sendTemplate } = useSendFile(props.viewer);
  const conversation = detail.data;
  // null: as the screen allows (beside the thread on wide screens, closed on smaller ones).
  const [panel, setPanel] = useState<boolean | null>(null);

  // Opening the conversation reads the mentions of me in it (the Mentions view's unread state).
  useEffect(() => {
    void readMentionsOf({ conversationId: props.conversationId });
  }, [props.conversationId]);

  if (detail.isError && !conversation) {
    const refusal = detail.error instanceof ApiError ? detail.error.error : null;
    return (
      <Shell onBack={props.onBack}>
        <p className="m-auto max-w-sm p-6 text-center text-sm text-slate-600" role="alert">
          {refusal ? describeActionError(refusal, t).message : t("inbox.view.loadError")}
        </p>
      </Shell>
    );
  }
  if (!conversation) {
    return (
      <Shell onBack={props.onBack}>
        <p className="m-auto text-sm text-slate-500">{t("common.loading")}</p>
      </Shell>
    );
  }

  const name = conversation.contact.name ?? formatPhone(conversation.contact.number);
  return (
    <section className="flex h-full min-h-0 flex-col" aria-label={name} data-testid="conversation-view" data-conversation-id={conversation.id} data-status={conversation.status}>
      <Header {...props} conversation={conversation} name={name} panelOpen={panel} onTogglePanel={() => setPanel(!(panel ?? wideEnoughForPanel()))} />
      {props.viewer.role === "manager" && activity.data?.waiting ? (
        <p className="shrink-0 border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700 sm:px-4" data-testid="waiting-reason" data-reason="outside_hours">
          {t("inbox.why.waitingClosed", {
            when: activity.data.waiting.nextChange ? new Date(activity.data.waiting.nextChange).toLocaleString(locale, { weekday: "short", hour: "2-digit", minute: "2-digit" }) : "—",
          })}
        </p>
      ) : (
        conversation.status === "queued" &&
        conversation.waitingReason && (
          <p className="shrink-0 border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700 sm:px-4" data-testid="waiting-reason" data-reason={conversation.waitingReason}>
            {t(`inbox.waitingReason.long.${conversation.waitingReason}`)}
          </p>
        )
      )}
      {props.viewer.role === "manager" && activity.data?.decision && <WhyPanel decision={activity.data.decision} />}
      <div className="relative flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <MessageThread
            messages={thread.data ?? []}
            activity={activity.data?.events}
            loading={thread.isPending}
            label={name}
            viewerId={props.viewer.id}
            before={<ContactHistory conversationId={conversation.id} viewerId={props.viewer.id} />}
            older={{ has: thread.hasNextPage, loading: thread.isFetchingNextPage, load: () => void thread.fetchNextPage() }}
            focusMessageId={props.focusMessageId ?? null}
          />
          <SeenReporter conversationId={conversation.id} messages={thread.data} />
          <ReplyBox
            key={conversation.id}
            conversation={conversation}
            maxLength={props.maxReplyLength}
            onSend={(body) => props.onReply(conversation, body)}
            onNote={(body, mentions) => props.onNote(conversation, body, mentions)}
            onSendFile={(send) => sendFile.mutate(send)}
            onSendTemplate={(send) => sendTemplate.mutate(send)}
          />
        </div>
        {/* A phone shows the panel over the thread; wider screens beside it. */}
        <div
          className={`${panel === null ? "hidden 2xl:flex" : panel ? "flex" : "hidden"} absolute inset-0 z-20 border-l border-slate-200 xl:static xl:w-80 xl:shrink-0`}
        >
          <ContactPanel conversationId={conversation.id} onClose={() => setPanel(false)} />
        </div>
      </div>
    </section>
  );
}

function Shell({ onBack, children }: { onBack: () => void; children: React.ReactNode }) {
  return (
    <section className="flex h-full min-h-0 flex-col">
      <div className="flex h-12 items-center border-b border-slate-200 bg-white px-2 md:hidden">
        <BackButton onBack={onBack} />
      </div>
      {children}
    </section>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <Button kind="icon" className="md:hidden" onClick={onBack} aria-label={t("inbox.view.back")}>
      <ChevronLeft className="h-5 w-5" aria-hidden="true" />
    </Button>
  );
}

function Header(props: Props & { conversation: ConversationDetail; name: string; panelOpen: boolean | null; onTogglePanel: () => void }) {
  const { t, locale } = useI18n();
  const { conversation, viewer, name } = props;
  // Null only while hydrating, before any conversation is loaded.
  const now = useNow(1000) ?? 0;
  const assignee = conversation.assignee;
  const mine = assignee?.id === viewer.id;

  return (
    <header className="shrink-0 border-b border-slate-200 bg-white px-2 py-2 sm:px-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        {/* On a phone the name has the whole first line and the actions go below it. */}
        <div className="flex w-full min-w-0 items-center gap-2 sm:w-auto sm:flex-1 sm:gap-3">
          <BackButton onBack={props.onBack} />
          <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700" aria-hidden="true">
            {initials(conversation.contact.name, conversation.contact.number)}
          </span>
          <div className="min-w-0">
            <h2 className="truncate text-base font-semibold" data-testid="conversation-contact">
              {name}
            </h2>
            <p className="truncate text-xs text-slate-500">{formatPhone(conversation.contact.number)}</p>
          </div>
        </div>
        <div className="ml-auto flex items-center gap-1">
          <Button
            kind="icon"
            onClick={props.onTogglePanel}
            aria-pressed={props.panelOpen ?? undefined}
            aria-label={t(props.panelOpen ? "contact.panel.hide" : "contact.panel.show")}
            title={t(props.panelOpen ? "contact.panel.hide" : "contact.panel.show")}
            data-testid="contact-panel-toggle"
          >
            <UserRound className="h-5 w-5" aria-hidden="true" />
          </Button>
          <ConversationActions
          conversation={conversation}
          busy={props.busy}
          onTake={() => props.onTake(conversation)}
          onClose={() => props.onClose(conversation)}
          onReopen={() => props.onReopen(conversation)}
          onHandOver={(to, asManager, move) => props.onHandOver(conversation, to, asManager, move)}
          />
        </div>
      </div>
      <dl className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-label={t("inbox.view.details")}>
        <div className="flex items-center gap-1.5">
          <dt className="sr-only">{t("inbox.filter.status")}</dt>
          <dd className={`rounded-full px-2 py-0.5 font-medium ${STATUS_BADGE[conversation.status]}`} data-testid="conversation-status">
            {t(`inbox.conversationStatus.${conversation.status}`)}
          </dd>
        </div>
        <Item label={t("inbox.view.group")}>
          <span data-testid="conversation-group">{conversation.group.name}</span>
          <span className="text-slate-500"> · {conversation.channelNumber}</span>
        </Item>
        <Item label={t("inbox.view.assignee")}>
          {assignee ? (
            <span className="inline-flex items-center gap-1.5" data-testid="conversation-assignee">
              <span className={`h-2 w-2 rounded-full ${PRESENCE_DOT[assignee.status]}`} aria-label={t(`status.${assignee.status}`)} title={t(`status.${assignee.status}`)} role="img" />
              {mine ? t("inbox.view.you") : assignee.name}
            </span>
          ) : (
            <span data-testid="conversation-assignee">{t("inbox.view.nobody")}</span>
          )}
        </Item>
        {conversation.status !== "closed" && (
          <div className="flex items-center gap-1.5" data-testid="conversation-service-level">
            <dt className="sr-only">{t("sla.priority.label")}</dt>
            <dd className="flex items-center gap-1.5">
              <PriorityPicker conversationId={conversation.id} priority={conversation.priority} />
              <SlaBadge facts={conversation} now={now} />
            </dd>
          </div>
        )}
        {conversation.status === "queued" && (
          <div>
            <dt className="sr-only">{t("inbox.conversationStatus.queued")}</dt>
            <dd className="font-medium text-amber-700" data-testid="conversation-waiting">
              {t("inbox.view.waitingFor", { time: formatDuration(now - new Date(conversation.queuedAt).getTime(), t) })}
            </dd>
          </div>
        )}
        {/* The timeline: in full on wider screens; a phone keeps the header short. */}
        <Item label={t("inbox.view.opened")} wide>
          {formatDateTime(conversation.createdAt, locale)}
        </Item>
        {conversation.assignedAt && conversation.status === "assigned" && (
          <Item label={t("inbox.view.assignedAt")} wide>
            {formatDateTime(conversation.assignedAt, locale)}
          </Item>
        )}
        {conversation.firstResponseAt && (
          <Item label={t("inbox.view.firstResponse")} wide>
            {formatDateTime(conversation.firstResponseAt, locale)}
          </Item>
        )}
        {conversation.closedAt && conversation.status === "closed" && (
          <Item label={t("inbox.view.closedAt")}>{formatDateTime(conversation.closedAt, locale)}</Item>
        )}
      </dl>
    </header>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={`items-center gap-1 ${wide ? "hidden sm:flex" : "flex"}`}>
      <dt className="text-slate-500">{label}:</dt>
      <dd>{children}</dd>
    </div>
  );
}
