"use client";

// Take, assign, transfer, return to queue, close, reopen and reply, with optimistic updates:
// the screen changes at once, goes back if the server refuses (with its reason), and
// is made exact by the refetch that the action's realtime signal (or onSettled) causes.
import { useMutation, useQueryClient, type InfiniteData, type QueryClient, type QueryKey } from "@tanstack/react-query";
import {
  assignConversation,
  closeConversation,
  reopenConversation,
  replyToConversation,
  returnToQueue,
  takeConversation,
  transferConversation,
} from "@/app/actions/conversations";
import { addNote } from "@/app/actions/notes";
import { useI18n } from "@/components/i18n-provider";
import type { User } from "@/db/schema";
import type { ActionError, ActionResult } from "@/lib/errors";
import type { ConversationDetail, InboxConversation, InboxList, ThreadMessage } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";
import { describeActionError, refusalLine } from "@/components/ui/action-error";
import { useToast } from "@/components/ui/toast";
import type { GroupMove, HandOverTarget } from "./transfer-picker";

export type Viewer = { id: number; name: string; role: User["role"] };
export type Target = { conversationId: number };

class RefusedError extends Error {
  constructor(readonly refusal: ActionError) {
    super(refusal.message);
  }
}

async function expectOk<T extends object>(result: Promise<ActionResult<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new RefusedError(answer.error);
  return answer;
}

type Snapshot = [QueryKey, unknown][];

/**
 * Saves what an optimistic change touches, so that a refusal can put it back, and cancels
 * only those reads (an answer older than the change would undo it). Never the thread
 * unless the change writes to it: cancelling its first read left a query with no data and
 * nothing fetching, and a take on a slow network showed an empty thread until a reload.
 */
async function snapshot(queryClient: QueryClient, conversationId: number, { thread = false } = {}): Promise<Snapshot> {
  const keys = [queryKeys.conversationLists, queryKeys.conversation(conversationId), ...(thread ? [queryKeys.messages(conversationId)] : [])];
  await Promise.all(keys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
  return keys.flatMap((queryKey) => queryClient.getQueriesData({ queryKey }));
}

function restore(queryClient: QueryClient, saved: Snapshot | undefined) {
  for (const [key, data] of saved ?? []) queryClient.setQueryData(key, data);
}

/** Applies a change to one conversation wherever lists show it; `keep` says whether each list still holds it. */
function patchLists(
  queryClient: QueryClient,
  conversationId: number,
  patch: Partial<InboxConversation>,
  keep: (tab: string, item: InboxConversation) => boolean,
) {
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<InboxList>>({ queryKey: queryKeys.conversationLists })) {
    // The unread counts live under the same key; only the lists have pages.
    if (!data || !("pages" in data)) continue;
    const tab = String((key[1] as { tab?: string } | undefined)?.tab ?? "");
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.flatMap((item) => {
        if (item.id !== conversationId) return [item];
        const next = { ...item, ...patch };
        return keep(tab, next) ? [next] : [];
      }),
    }));
    queryClient.setQueryData<InfiniteData<InboxList>>(key, { ...data, pages });
  }
}

/** Shows a message being sent at the end of the thread until the server's answer replaces it. */
export function addPendingMessage(queryClient: QueryClient, conversationId: number, viewer: Viewer, message: Pick<ThreadMessage, "type" | "body" | "payload">) {
  const pending: ThreadMessage = {
    id: -Date.now(),
    direction: "out",
    authorType: "user",
    authorId: viewer.id,
    authorName: viewer.name,
    status: "pending",
    failureReason: null,
    failureCode: null,
    waMessageId: null,
    media: null,
    createdAt: new Date().toISOString(),
    ...message,
  };
  // The latest page is the first one.
  queryClient.setQueryData<InfiniteData<ThreadMessage[]>>(queryKeys.messages(conversationId), (thread) =>
    thread ? { ...thread, pages: [[...(thread.pages[0] ?? []), pending], ...thread.pages.slice(1)] } : { pages: [[pending]], pageParams: [null] },
  );
}

function patchDetail(queryClient: QueryClient, conversationId: number, patch: Partial<ConversationDetail>) {
  queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(conversationId), (detail) => (detail ? { ...detail, ...patch } : detail));
}

export function useConversationActions(viewer: Viewer, callbacks: { onTaken?: (conversationId: number) => void; onClosed?: (conversationId: number) => void } = {}) {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const notify = useToast();

  const settle = (conversationId: number) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
  };
  const refused = (error: Error, saved: Snapshot | undefined) => {
    restore(queryClient, saved);
    // A refused field says exactly what is wrong (e.g. a control character in a reply).
    notify("error", refusalLine(error instanceof RefusedError ? error.refusal : null, t));
  };
  const now = () => new Date().toISOString();
  const me = { id: viewer.id, name: viewer.name, status: "online" as const };

  const take = useMutation({
    mutationFn: ({ conversationId }: Target) => expectOk(takeConversation({ conversationId })),
    onMutate: async ({ conversationId }) => {
      const saved = await snapshot(queryClient, conversationId);
      patchDetail(queryClient, conversationId, { status: "assigned", assignee: me, assignedAt: now(), waitingReason: null });
      patchLists(queryClient, conversationId, { status: "assigned", assigneeId: viewer.id, assigneeName: viewer.name, waitingReason: null }, (tab) => tab !== "queue");
      return saved;
    },
    onSuccess: (_data, { conversationId }) => callbacks.onTaken?.(conversationId),
    onError: (error, _vars, saved) => refused(error, saved),
    onSettled: (_data, _error, { conversationId }) => settle(conversationId),
  });

  const close = useMutation({
    mutationFn: ({ conversationId }: Target) => expectOk(closeConversation({ conversationId })),
    onMutate: async ({ conversationId }) => {
      const saved = await snapshot(queryClient, conversationId);
      patchDetail(queryClient, conversationId, { status: "closed", closedAt: now() });
      patchLists(queryClient, conversationId, { status: "closed" }, (_tab, item) => item.status === "closed");
      callbacks.onClosed?.(conversationId);
      return saved;
    },
    onSuccess: () => notify("info", t("inbox.action.closed")),
    onError: (error, _vars, saved) => refused(error, saved),
    onSettled: (_data, _error, { conversationId }) => settle(conversationId),
  });

  /** A closed conversation becomes mine again. */
  const reopen = useMutation({
    mutationFn: ({ conversationId }: Target) => expectOk(reopenConversation({ conversationId })),
    onMutate: async ({ conversationId }) => {
      const saved = await snapshot(queryClient, conversationId);
      patchDetail(queryClient, conversationId, { status: "assigned", assignee: me, assignedAt: now(), closedAt: null });
      return saved;
    },
    onSuccess: () => notify("info", t("inbox.action.reopened")),
    onError: (error, _vars, saved) => refused(error, saved),
    onSettled: (_data, _error, { conversationId }) => settle(conversationId),
  });

  /** To a member (a transfer, or a manager's assignment) or back to the queue; with `move`, to another group's member or queue. */
  const handOver = useMutation({
    mutationFn: async ({ conversationId, to, asManager, move }: Target & { to: HandOverTarget; asManager: boolean; move?: GroupMove }) => {
      if (move) {
        return expectOk(transferConversation({ conversationId, to: to === "queue" ? "queue" : { agentId: to.id }, groupId: move.groupId, note: move.note }));
      }
      if (to === "queue") return expectOk(returnToQueue({ conversationId }));
      if (asManager) return expectOk(assignConversation({ conversationId, agentId: to.id }));
      return expectOk(transferConversation({ conversationId, to: { agentId: to.id } }));
    },
    onMutate: async ({ conversationId, to }) => {
      const saved = await snapshot(queryClient, conversationId);
      if (to === "queue") {
        patchDetail(queryClient, conversationId, { status: "queued", assignee: null, assignedAt: null });
        patchLists(queryClient, conversationId, { status: "queued", assigneeId: null, assigneeName: null }, (tab) => tab !== "mine");
      } else {
        patchDetail(queryClient, conversationId, { status: "assigned", assignee: { id: to.id, name: to.name, status: "online" }, assignedAt: now() });
        patchLists(
          queryClient,
          conversationId,
          { status: "assigned", assigneeId: to.id, assigneeName: to.name, waitingReason: null },
          (tab) => tab !== "queue" && (tab !== "mine" || to.id === viewer.id),
        );
      }
      return saved;
    },
    onSuccess: (_data, { conversationId, to, asManager, move }) => {
      if (move) {
        notify("info", t("inbox.action.transferredGroup", { where: to === "queue" ? t("inbox.transfer.groupQueue", { group: move.groupName }) : t("inbox.transfer.memberOfGroup", { name: to.name, group: move.groupName }) }));
        // It left the agent's hands and, most likely, their groups: move on, as after closing.
        if (viewer.role !== "manager") callbacks.onClosed?.(conversationId);
        return;
      }
      notify("info", to === "queue" ? t("inbox.action.returned") : t(asManager ? "inbox.action.assigned" : "inbox.action.transferred", { name: to.name }));
    },
    onError: (error, _vars, saved) => refused(error, saved),
    onSettled: (_data, _error, { conversationId, move }) => {
      settle(conversationId);
      if (move?.note) void queryClient.invalidateQueries({ queryKey: queryKeys.messages(conversationId) });
    },
  });

  const reply = useMutation({
    mutationFn: ({ conversationId, body }: Target & { body: string }) => expectOk(replyToConversation({ conversationId, body })),
    onMutate: async ({ conversationId, body }) => {
      const saved = await snapshot(queryClient, conversationId, { thread: true });
      addPendingMessage(queryClient, conversationId, viewer, { type: "text", body, payload: null });
      return saved;
    },
    onError: (error, { conversationId }, saved) => {
      // WhatsApp refused it: the server kept it as failed, with the reason, in the thread.
      if (error instanceof RefusedError && error.refusal.code === "send_failed") {
        notify("error", describeActionError(error.refusal, t).message);
        return;
      }
      refused(error, saved?.filter(([key]) => key[0] === queryKeys.messages(conversationId)[0]));
    },
    onSettled: (_data, _error, { conversationId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.messages(conversationId) });
      settle(conversationId);
    },
  });

  /** A private note: stored, never sent; mentions of people who may not see the conversation are said to be undelivered. */
  const note = useMutation({
    mutationFn: ({ conversationId, body, mentions }: Target & { body: string; mentions: number[] }) => expectOk(addNote({ conversationId, body, mentions })),
    onSuccess: ({ undelivered }) => {
      if (undelivered.length > 0) notify("error", t("note.notDelivered", { names: undelivered.map((u) => u.name).join(", ") }));
    },
    onError: (error) => refused(error, undefined),
    onSettled: (_data, _error, { conversationId }) => void queryClient.invalidateQueries({ queryKey: queryKeys.messages(conversationId) }),
  });

  return { take, close, reopen, handOver, reply, note };
}
