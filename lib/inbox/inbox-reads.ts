// What the inbox's GET routes read, as commands of (db, actor, input): parse, authorize
// through lib/auth/permissions.ts, read. The route handlers only adapt them to HTTP.
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversationCan, isManager, requireActor, requireCanWork, requireConversationAccess, requireGroupAccess, requireManager, type Actor } from "@/lib/auth/permissions";
import { readWaitingReasons } from "@/lib/distribution/waiting-reason";
import { parseId, parseInput, UserError } from "@/lib/errors";
import { loadConversationActivity, type ConversationActivity } from "./conversation-activity";
import { loadConversationDetail } from "./conversation-detail";
import { countInboxTabs, listInboxConversations } from "./conversation-list";
import { listGroupMembersWithLoad, listTransferTargetGroups } from "./group-members";
import { listThreadMessages } from "./thread-messages";
import { listQuery } from "./list-query";
import { countUnread } from "./unread";
import { type ConversationDetail, type GroupMemberPresence, type InboxList, type TransferTargetGroup, type ThreadMessage, type UnreadCounts } from "./types";

type MaybeActor = Actor | null | undefined;

export type InboxQuery = z.input<typeof listQuery>;

/** One page of a tab of the inbox with its filters (`nextCursor` for the next), and the counts of every tab. */
export async function readInbox(db: Db, actor: MaybeActor, query: InboxQuery | Record<string, string>): Promise<InboxList> {
  const viewer = requireActor(actor);
  const { tab, q, group: groupAlias, groupId: group = groupAlias, status, assignee, awaiting, from, to, cursor, limit } = parseInput(listQuery, query);
  if (tab === "all") requireManager(viewer);
  if (group) await requireGroupAccess(db, viewer, group);
  const [page, counts, unread] = await Promise.all([
    listInboxConversations(db, { viewer, tab, search: q, groupId: group, status, assignee, awaitingReply: awaiting === "1", from, to, cursor, limit }),
    countInboxTabs(db, viewer),
    countUnread(db, viewer),
  ]);
  const waiting = await readWaitingReasons(db, page.items);
  return { ...page, items: page.items.map((item) => ({ ...item, waitingReason: waiting.get(item.id) ?? null })), counts, unread };
}

/** The viewer's unread counts per tab, for the app shell on every page (title, alerts). */
export async function readUnread(db: Db, actor: MaybeActor): Promise<UnreadCounts> {
  return countUnread(db, requireActor(actor));
}

async function accessibleConversation(db: Db, actor: MaybeActor, id: unknown) {
  const viewer = requireActor(actor);
  const conversationId = parseId(id, "conversationId");
  return { viewer, conversation: await requireConversationAccess(db, viewer, conversationId) };
}

/** The conversation view's header: contact, group, assignee, status, timestamps, the 24-hour window. */
export async function readConversation(db: Db, actor: MaybeActor, id: unknown): Promise<ConversationDetail> {
  const { viewer, conversation } = await accessibleConversation(db, actor, id);
  const detail = await loadConversationDetail(db, conversation.id);
  if (!detail) throw new UserError("not_found", "This conversation does not exist.");
  const waiting = await readWaitingReasons(db, [{ id: detail.id, groupId: detail.group.id, status: detail.status }]);
  return { ...detail, waitingReason: waiting.get(detail.id) ?? null, can: conversationCan(viewer, { status: detail.status, assigneeId: detail.assignee?.id ?? null }) };
}

/**
 * The answer of a transfer: the conversation as it now is. Handed to another group, it may
 * no longer be the caller's to see — they moved it a moment ago (the transfer authorized
 * them), so they are told where it went, with nothing left that they may do.
 */
export async function readConversationAfterTransfer(db: Db, actor: MaybeActor, id: unknown): Promise<ConversationDetail> {
  try {
    return await readConversation(db, actor, id);
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== "forbidden") throw error;
    const detail = await loadConversationDetail(db, parseId(id, "conversationId"));
    if (!detail) throw new UserError("not_found", "This conversation does not exist.");
    return { ...detail, waitingReason: null, can: { take: false, reply: false, transfer: false, close: false, assign: false, reopen: false } };
  }
}

/** The thread, oldest first: its latest page, or with `before` (a message id) the page of older ones before it. */
export async function readThread(db: Db, actor: MaybeActor, id: unknown, query: { before?: string | null } = {}): Promise<ThreadMessage[]> {
  const { conversation } = await accessibleConversation(db, actor, id);
  const before = query.before ? parseId(query.before, "before") : undefined;
  return listThreadMessages(db, conversation.id, { before });
}

/** The members of the conversation's group with their status and load (transfer picker). */
export async function readConversationMembers(db: Db, actor: MaybeActor, id: unknown): Promise<GroupMemberPresence[]> {
  const { conversation } = await accessibleConversation(db, actor, id);
  return listGroupMembersWithLoad(db, conversation.groupId);
}

/**
 * The other groups the conversation may go to, with their members' status and load
 * (transfer picker): only for whoever may transfer it — its assignee, or a manager.
 */
export async function readTransferTargets(db: Db, actor: MaybeActor, id: unknown): Promise<TransferTargetGroup[]> {
  const conversation = await requireCanWork(db, actor, parseId(id, "conversationId"));
  return listTransferTargetGroups(db, conversation.groupId);
}

/** The assignment events of the thread, and for managers the latest automatic decision ("Why <agent>?"). */
export async function readActivity(db: Db, actor: MaybeActor, id: unknown): Promise<ConversationActivity> {
  const { viewer, conversation } = await accessibleConversation(db, actor, id);
  return loadConversationActivity(db, conversation.id, { withDecision: isManager(viewer) });
}
