"use client";

// The agent inbox (docs/behaviour.md#the-inbox): the lists on the left, the open conversation on the right
// (one at a time on phones), live through realtime signals, driven by mouse or keyboard.
import { ErrorBoundary } from "@/components/error-boundary";
import { PaneError } from "@/components/inbox/pane-error";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import { useRealtime } from "@/components/realtime-provider";
import { useMyStatus } from "@/components/shell/status-switch";
import type { ConversationDetail, PresenceStatus, VisibleGroup } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";
import { ConversationList, SEARCH_INPUT_ID } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { useInboxList } from "./inbox-queries";
import { ShortcutsOverlay, useKeyboardShortcuts } from "./keyboard-shortcuts";
import { REPLY_BOX_ID } from "./reply-box";
import { useConversationActions, type Viewer } from "./use-conversation-actions";
import { conversationInUrl, useInboxUrl, type InboxUrlState } from "./use-inbox-url";

type Props = { viewer: Viewer; initialStatus: PresenceStatus; groups: VisibleGroup[]; assignees: { id: number; name: string }[]; maxReplyLength: number };

export function Inbox(props: Props) {
  return <InboxScreen {...props} />;
}

function hrefFor(state: InboxUrlState, conversationId: number, messageId?: number | null): string {
  const params = new URLSearchParams();
  if (state.tab !== "mine") params.set("tab", state.tab);
  params.set("c", String(conversationId));
  if (state.q) params.set("q", state.q);
  if (state.group) params.set("group", String(state.group));
  if (state.status !== "open") params.set("status", state.status);
  if (state.awaiting) params.set("awaiting", "1");
  if (state.period) params.set("period", String(state.period));
  if (messageId) params.set("m", String(messageId));
  return `/inbox?${params}`;
}

const wideScreen = () => window.matchMedia("(min-width: 768px)").matches;

function InboxScreen({ viewer, initialStatus, groups, assignees, maxReplyLength }: Props) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const isManager = viewer.role === "manager";
  const { state, update } = useInboxUrl(isManager);
  const [showHelp, setShowHelp] = useState(false);
  const list = useInboxList({
    tab: state.tab,
    q: state.q,
    group: state.group,
    status: state.tab === "queue" ? "open" : state.status,
    assignee: state.assignee,
    awaiting: state.awaiting,
    period: state.period,
  });
  const items = list.data?.items;
  const selected = state.conversationId;

  const select = useCallback(
    (conversationId: number | null, push = true, messageId: number | null = null) => update({ conversationId, messageId }, { push }),
    [update],
  );
  const change = useCallback((patch: Partial<InboxUrlState>, push = false) => update(patch, { push }), [update]);

  /** The neighbour in the list, for j/k and for moving on after closing. */
  const neighbour = useCallback(
    (conversationId: number | null, step: 1 | -1) => {
      const rows = items ?? [];
      if (rows.length === 0) return null;
      const index = rows.findIndex((c) => c.id === conversationId);
      if (index === -1) return rows[step === 1 ? 0 : rows.length - 1]!.id;
      return rows[index + step]?.id ?? null;
    },
    [items],
  );

  const actions = useConversationActions(viewer, {
    // A conversation taken from the queue is now in Mine: follow it there.
    onTaken: (conversationId) => {
      if (conversationId === state.conversationId && state.tab === "queue") update({ tab: "mine" }, { push: false });
    },
    // Closing — or an agent handing it to another group — moves on to the next conversation (on a phone, back to the list).
    onClosed: (conversationId) => {
      if (conversationId !== state.conversationId) return;
      select(wideScreen() ? (neighbour(conversationId, 1) ?? neighbour(conversationId, -1)) : null, false);
    },
  });

  const detailOf = (conversationId: number | null) =>
    conversationId === null ? undefined : queryClient.getQueryData<ConversationDetail>(queryKeys.conversation(conversationId));

  useKeyboardShortcuts({
    next: () => {
      const id = neighbour(conversationInUrl(), 1);
      if (id !== null) select(id, false);
    },
    previous: () => {
      const id = neighbour(conversationInUrl(), -1);
      if (id !== null) select(id, false);
    },
    take: () => {
      const detail = detailOf(conversationInUrl());
      if (detail?.can.take) actions.take.mutate({ conversationId: detail.id });
    },
    close: () => {
      const detail = detailOf(conversationInUrl());
      if (detail?.can.close) actions.close.mutate({ conversationId: detail.id });
    },
    reply: () => document.getElementById(REPLY_BOX_ID)?.focus(),
    search: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    help: () => setShowHelp(true),
  });

  // The selected row stays in view while moving with the keyboard.
  useEffect(() => {
    if (selected !== null) document.querySelector(`[data-testid="conversation-row"][data-conversation-id="${selected}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const pending = [actions.take, actions.close, actions.reopen, actions.handOver].some((m) => m.isPending && m.variables?.conversationId === selected);
  const dismissHelp = useCallback(() => setShowHelp(false), []);

  return (
    <div className="touch-targets flex h-full min-h-0">
      <h1 className="sr-only">{t("inbox.title")}</h1>
      <div className={`${selected !== null ? "hidden md:flex" : "flex"} w-full min-w-0 flex-col border-r border-slate-200 bg-white md:w-80 md:shrink-0 lg:w-96`}>
        <ConversationList
          isManager={isManager}
          groups={groups}
          assignees={assignees}
          state={state}
          list={{
            data: list.data,
            isError: list.isError,
            isPending: list.isPending,
            stale: list.isPlaceholderData,
            refetch: () => void list.refetch(),
            more: { has: list.hasNextPage, loading: list.isFetchingNextPage, load: () => void list.fetchNextPage() },
          }}
          banner={<StatusBanners userId={viewer.id} initialStatus={initialStatus} />}
          hrefOf={(id, messageId) => hrefFor(state, id, messageId)}
          onSelect={select}
          onChange={change}
          onShowShortcuts={() => setShowHelp(true)}
        />
      </div>
      <div className={`${selected !== null ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col`}>
        {selected !== null ? (
          <ErrorBoundary resetKey={selected} fallback={(reset) => <PaneError onRetry={reset} backHref="/inbox" />}>
          <ConversationView
            key={selected}
            conversationId={selected}
            focusMessageId={state.messageId}
            viewer={viewer}
            maxReplyLength={maxReplyLength}
            busy={pending}
            onBack={() => select(null)}
            onTake={(c) => actions.take.mutate({ conversationId: c.id })}
            onClose={(c) => actions.close.mutate({ conversationId: c.id })}
            onReopen={(c) => actions.reopen.mutate({ conversationId: c.id })}
            onHandOver={(c, to, asManager, move) => actions.handOver.mutate({ conversationId: c.id, to, asManager, move })}
            onReply={(c, body) => actions.reply.mutateAsync({ conversationId: c.id, body })}
            onNote={(c, body, mentions) => actions.note.mutateAsync({ conversationId: c.id, body, mentions })}
          />
          </ErrorBoundary>
        ) : (
          <div className="m-auto max-w-xs p-6 text-center">
            <EmptyState title={t("inbox.view.empty.title")}>{t("inbox.view.empty.body")}</EmptyState>
          </div>
        )}
      </div>
      {showHelp && <ShortcutsOverlay onDismiss={dismissHelp} />}
    </div>
  );
}

/** Why the inbox may be quieter than expected: not online, or the live connection is down. */
function StatusBanners({ userId, initialStatus }: { userId: number; initialStatus: PresenceStatus }) {
  const { t } = useI18n();
  const status = useMyStatus(userId, initialStatus);
  const { connected } = useRealtime();
  const [lost, setLost] = useState(false);
  useEffect(() => {
    // Only a connection that stays down is worth a banner (not the first second of a page).
    const timer = setTimeout(() => setLost(!connected), connected ? 0 : 3000);
    return () => clearTimeout(timer);
  }, [connected]);

  return (
    <>
      {lost && (
        <p role="status" className="shrink-0 border-b border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800">
          {t("inbox.realtime.reconnecting")}
        </p>
      )}
      {status !== "online" && (
        <p className="shrink-0 border-b border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="not-online-banner">
          {t("inbox.presence.notOnline", { status: t(`status.${status}`) })}
        </p>
      )}
    </>
  );
}
