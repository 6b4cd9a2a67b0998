// The inbox's lists: Mine (assigned to me), Queue (the general queue of my groups,
// oldest first) and All (managers), with search and filters, plus the tab counts.
// Who may ask for what is the caller's check (lib/auth/permissions.ts); these only
// scope the rows to the viewer.
import { and, asc, desc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { channelGroups, contacts, conversations, groupMembers, messages, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { encodeCursor, type ListCursor } from "./list-query";
import type { InboxConversation, InboxTab, MessagePreview, StatusFilter, TabCounts } from "./types";

export const LIST_LIMIT = 200;

export type ListParams = {
  viewer: Actor;
  tab: InboxTab;
  search?: string;
  groupId?: number;
  status?: StatusFilter;
  /** Keyset pagination: rows after this one in the tab's order. */
  after?: ListCursor;
  limit?: number;
};

export type ConversationPage = { items: InboxConversation[]; nextCursor: string | null };

const assignee = alias(users, "assignee");
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The groups whose queue the viewer sees: every group for managers, their own for agents. */
function visibleGroupsCondition(viewer: Actor): SQL | undefined {
  if (viewer.role === "manager") return undefined;
  return inArray(
    conversations.groupId,
    sql`(SELECT ${groupMembers.groupId} FROM ${groupMembers} WHERE ${groupMembers.userId} = ${viewer.id})`,
  );
}

function statusCondition(status: StatusFilter): SQL | undefined {
  switch (status) {
    case "open":
      return ne(conversations.status, "closed");
    case "any":
      return undefined;
    default:
      return eq(conversations.status, status);
  }
}

/** A name matches anywhere, case- and accent-blind; a number by its digits. */
function searchCondition(search: string): SQL | undefined {
  const text = search.trim();
  if (!text) return undefined;
  const digits = text.replace(/\D/g, "");
  const pattern = fold(sql`${`%${escapeLike(text)}%`}`);
  const byName = sql`(${fold(contacts.profileName)} LIKE ${pattern} OR ${fold(sql`${contacts.displayName}`)} LIKE ${pattern} OR ${fold(sql`${contacts.username}`)} LIKE ${pattern})`;
  return digits.length >= 3 ? or(byName, ilike(contacts.waId, `%${digits}%`)) : byName;
}

// "Fabio" finds "Fábio": lower case without Portuguese accents, with no extension needed.
const ACCENTED = "áàâãäéèêëíìîïóòôõöúùûüçñ";
const PLAIN = "aaaaaeeeeiiiiooooouuuucn";
const fold = (value: SQL | typeof contacts.profileName) => sql`translate(lower(${value}), ${ACCENTED}, ${PLAIN})`;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function tabCondition(viewer: Actor, tab: InboxTab): SQL | undefined {
  switch (tab) {
    case "mine":
      return eq(conversations.assigneeId, viewer.id);
    case "queue":
      return and(eq(conversations.status, "queued"), visibleGroupsCondition(viewer));
    case "all":
      return visibleGroupsCondition(viewer);
  }
}

/**
 * One page of a tab, in the tab's order (the queue oldest first, the others latest
 * activity first), by keyset: the cursor names the last row shown, so a page never
 * repeats or skips a row that did not move meanwhile.
 */
export async function listInboxConversations(db: Queryable, params: ListParams): Promise<ConversationPage> {
  const { viewer, tab } = params;
  const limit = Math.min(params.limit ?? LIST_LIMIT, LIST_LIMIT);
  const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;
  const sortKey = tab === "queue" ? sql`${conversations.queuedAt}` : activity;
  const after = params.after
    ? tab === "queue"
      ? sql`(${sortKey}, ${conversations.id}) > (${params.after.key}::timestamptz, ${params.after.id})`
      : sql`(${sortKey}, ${conversations.id}) < (${params.after.key}::timestamptz, ${params.after.id})`
    : undefined;
  const where = and(
    tabCondition(viewer, tab),
    tab === "queue" ? undefined : statusCondition(params.status ?? "open"),
    params.groupId ? eq(conversations.groupId, params.groupId) : undefined,
    params.search ? searchCondition(params.search) : undefined,
    after,
  );
  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      groupId: conversations.groupId,
      groupName: channelGroups.name,
      // The display name an agent gave the contact, else their WhatsApp profile name.
      contactName: sql<string | null>`coalesce(${contacts.displayName}, ${contacts.profileName})`,
      // Contacts known only by their WhatsApp user id show their username, else that id.
      contactNumber: sql<string>`coalesce(${contacts.waId}, ${contacts.username}, ${contacts.userId})`,
      assigneeId: conversations.assigneeId,
      assigneeName: assignee.name,
      queuedAt: conversations.queuedAt,
      assignedAt: conversations.assignedAt,
      closedAt: conversations.closedAt,
      lastMessageAt: conversations.lastMessageAt,
      // In UTC with microseconds: the cursor compares exactly what PostgreSQL sorted.
      sortKey: sql<string>`to_char(${sortKey} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      preview: sql<MessagePreview | null>`(
        SELECT json_build_object('type', m.type, 'body', left(m.body, 160), 'direction', m.direction, 'authorType', m.author_type,
                                 'systemKind', m.payload->'system'->>'kind', 'flowReply', coalesce(m.payload ? 'flowReply', false))
          FROM ${messages} m
         WHERE m.conversation_id = ${conversations.id} AND m.direction <> 'internal'
         -- What people wrote says more than the automatic welcome after it.
         ORDER BY m.author_type = 'system', m.created_at DESC, m.id DESC
         LIMIT 1)`,
      awaitingReply: sql<boolean>`coalesce((
        SELECT m.direction = 'in'
          FROM ${messages} m
         -- Private notes answer nobody: the contact still awaits a reply.
         WHERE m.conversation_id = ${conversations.id} AND m.author_type <> 'system' AND m.direction <> 'internal'
         ORDER BY m.created_at DESC, m.id DESC
         LIMIT 1), false)`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channelGroups, eq(channelGroups.id, conversations.groupId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(where)
    // The queue is served oldest first; the other tabs show the latest activity first.
    .orderBy(...(tab === "queue" ? [asc(conversations.queuedAt), asc(conversations.id)] : [desc(activity), desc(conversations.id)]))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey, ...row }) => {
      void sortKey; // the cursor's, not the list's
      return {
        ...row,
        queuedAt: row.queuedAt.toISOString(),
        assignedAt: iso(row.assignedAt),
        closedAt: iso(row.closedAt),
        lastMessageAt: iso(row.lastMessageAt),
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
  };
}

/** The badge of each tab: my open conversations, my groups' queue, and (managers) all open ones. */
export async function countInboxTabs(db: Queryable, viewer: Actor): Promise<TabCounts> {
  const groups = visibleGroupsCondition(viewer);
  const [row] = await db
    .select({
      mine: sql<number>`count(*) FILTER (WHERE ${conversations.assigneeId} = ${viewer.id} AND ${conversations.status} = 'assigned')::int`,
      queue: sql<number>`count(*) FILTER (WHERE ${conversations.status} = 'queued' ${groups ? sql`AND ${groups}` : sql``})::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(conversations)
    // Closed history does not count, and the partial indexes cover what is open.
    .where(and(ne(conversations.status, "closed"), viewer.role === "manager" ? undefined : or(eq(conversations.assigneeId, viewer.id), groups)));
  return { mine: row?.mine ?? 0, queue: row?.queue ?? 0, all: viewer.role === "manager" ? (row?.all ?? 0) : null };
}
