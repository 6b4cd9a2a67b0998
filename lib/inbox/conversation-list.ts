// The inbox's lists: Mine (assigned to me), Queue (the general queue of my groups,
// oldest first) and All (managers), with search and filters, a page at a time behind a
// keyset cursor, plus the tab counts. Who may ask for what is the caller's check
// (lib/auth/permissions.ts); these only scope the rows to the viewer.
import { and, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { channelGroups, contacts, conversations, groupMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { invalidFields } from "@/lib/errors";
import { decodeCursor, encodeCursor, type ListCursor } from "./list-cursor";
import { awaitingReplySql, searchMatchSql, searchPlan } from "./list-search";
import { slaSql } from "@/lib/service-levels/sla-sql";
import { unreadCountSql } from "./unread";
import { SNIPPET_MARK, type InboxConversation, type InboxTab, type MessagePreview, type StatusFilter, type TabCounts } from "./types";

/** Rows per page. */
export const PAGE_SIZE = 50;
/** The total is counted up to this many rows; beyond, the list says "10,000+". */
export const TOTAL_CAP = 10_000;
/** A search found in at most this many conversations is read by their ids (see searchPlan). */
export const RARE_MATCHES = 5_000;

export type ListParams = {
  viewer: Actor;
  tab: InboxTab;
  search?: string;
  groupId?: number;
  status?: StatusFilter;
  assignee?: number | "none";
  awaitingReply?: boolean;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
};

export type ConversationPage = {
  items: Omit<InboxConversation, "waitingReason">[];
  nextCursor: string | null;
  /** Null on later pages, and for a search of a word said everywhere (not counted). */
  total: number | null;
  totalCapped: boolean;
};

const assignee = alias(users, "assignee");
const iso = (date: Date | null) => (date ? date.toISOString() : null);
// The ordering timestamp as PostgreSQL's text with microseconds (a JavaScript Date would round them off).
const exactText = (column: SQL | AnyPgColumn) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The groups whose queue the viewer sees: every group for managers, their own for agents. */
export function visibleGroupsCondition(viewer: Actor): SQL | undefined {
  if (viewer.role === "manager") return undefined;
  // A conversation still choosing its team through the entry menu is managers' only (docs/behaviour.md#entry-menu).
  return and(
    ne(conversations.status, "routing"),
    inArray(conversations.groupId, sql`(SELECT ${groupMembers.groupId} FROM ${groupMembers} WHERE ${groupMembers.userId} = ${viewer.id})`),
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
 * The queue is served by priority, then due time, then arrival (docs/behaviour.md#service-levels);
 * the other tabs show the latest activity first.
 */
const orderingOf = (tab: InboxTab) => (tab === "queue" ? { column: conversations.queuedAt, ascending: true } : { column: conversations.activityAt, ascending: false });
const queueRankOf = (tab: InboxTab) => (tab === "queue" ? sql`${conversations.priority}, ${conversations.queueDueAt}, ` : sql``);

function afterCursor(tab: InboxTab, cursor: ListCursor): SQL {
  const { column, ascending } = orderingOf(tab);
  if (tab === "queue") {
    if (!cursor.queue) throw invalidFields({ cursor: "error.invalidValue" });
    return sql`(${conversations.priority}, ${conversations.queueDueAt}, ${column}, ${conversations.id})
      > (${cursor.queue.priority}::conversation_priority, ${cursor.queue.due}::timestamptz, ${cursor.at}::timestamptz, ${cursor.id})`;
  }
  return ascending
    ? sql`(${column}, ${conversations.id}) > (${cursor.at}::timestamptz, ${cursor.id})`
    : sql`(${column}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id})`;
}

function filterConditions(params: ListParams, search: SQL | undefined): SQL | undefined {
  const { viewer, tab } = params;
  const status = params.status ?? "open";
  return and(
    tabCondition(viewer, tab),
    // Mine's open ones are all assigned (a queued conversation has no assignee): the partial index's condition.
    tab === "queue" ? undefined : tab === "mine" && status === "open" ? eq(conversations.status, "assigned") : statusCondition(status),
    params.groupId ? eq(conversations.groupId, params.groupId) : undefined,
    params.assignee === "none" ? isNull(conversations.assigneeId) : params.assignee ? eq(conversations.assigneeId, params.assignee) : undefined,
    params.awaitingReply ? awaitingReplySql : undefined,
    params.from ? gte(conversations.activityAt, params.from) : undefined,
    params.to ? lte(conversations.activityAt, params.to) : undefined,
    search,
  );
}

export async function listInboxConversations(db: Queryable, params: ListParams): Promise<ConversationPage> {
  const { viewer, tab } = params;
  const limit = params.limit ?? PAGE_SIZE;
  const plan = params.search ? await searchPlan(db, params.search, RARE_MATCHES) : undefined;
  const filters = filterConditions(params, plan?.condition);
  const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
  const { column, ascending } = orderingOf(tab);
  // A search's few ids are fetched by key and sorted; walking the list's index backwards
  // for them would pass over the whole history in between. `+ interval '0'` sorts by the
  // same value through an expression the index does not provide.
  const sortKey = plan?.kind === "ids" ? sql`(${column} + interval '0')` : sql`${column}`;
  const direction = sql.raw(ascending ? "ASC" : "DESC");
  const search = params.search?.trim();
  // The page's ids first, from the conversations alone (one more than a page says whether
  // there is a next one); then what those rows show. Joined before the limit, PostgreSQL
  // may join contacts to every candidate instead of to the 51 kept.
  const pageIds = sql`SELECT ${conversations.id} FROM ${conversations}
     WHERE ${and(filters, cursor ? afterCursor(tab, cursor) : undefined) ?? sql`true`}
     ORDER BY ${queueRankOf(tab)}${sortKey} ${direction}, ${conversations.id} ${direction}
     LIMIT ${limit + 1}`;

  const rowsQuery = db
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
      createdAt: conversations.createdAt,
      queuedAt: conversations.queuedAt,
      assignedAt: conversations.assignedAt,
      firstResponseAt: conversations.firstResponseAt,
      closedAt: conversations.closedAt,
      lastMessageAt: conversations.lastMessageAt,
      priority: conversations.priority,
      firstResponseDueAt: conversations.firstResponseDueAt,
      resolutionDueAt: conversations.resolutionDueAt,
      sla: slaSql,
      preview: sql<MessagePreview | null>`(
        SELECT json_build_object('type', m.type, 'body', left(m.body, 160), 'direction', m.direction, 'authorType', m.author_type,
                                 'systemKind', m.payload->'system'->>'kind', 'flowReply', coalesce(m.payload ? 'flowReply', false))
          FROM messages m
         WHERE m.conversation_id = ${conversations.id} AND m.direction <> 'internal'
         -- What people wrote says more than the automatic welcome after it.
         ORDER BY m.author_type = 'system', m.created_at DESC, m.id DESC
         LIMIT 1)`,
      awaitingReply: sql<boolean>`${awaitingReplySql}`,
      unreadCount: unreadCountSql(viewer.id),
      match: search ? searchMatchSql(search, SNIPPET_MARK) : sql<null>`NULL`,
      orderKey: exactText(column),
      dueKey: sql<string>`CASE WHEN isfinite(${conversations.queueDueAt}) THEN ${exactText(conversations.queueDueAt)} ELSE 'infinity' END`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channelGroups, eq(channelGroups.id, conversations.groupId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(sql`${conversations.id} IN (${pageIds})`)
    .orderBy(sql`${queueRankOf(tab)}${column} ${direction}`, sql`${conversations.id} ${direction}`);

  // The total on the first page only: later pages keep the first one's, and the count stops at
  // TOTAL_CAP. A word said everywhere is not counted (the list shows what it loaded, "50+").
  const totalQuery = cursor || plan?.kind === "walk"
    ? Promise.resolve(null)
    : db
        .execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${conversations} WHERE ${filters ?? sql`true`} LIMIT ${TOTAL_CAP + 1}) capped`,
        )
        .then((result) => Number([...result][0]?.n ?? 0));

  const [rows, total] = await Promise.all([rowsQuery, totalQuery]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...withoutOrderKey(row),
      createdAt: row.createdAt.toISOString(),
      queuedAt: row.queuedAt.toISOString(),
      assignedAt: iso(row.assignedAt),
      firstResponseAt: iso(row.firstResponseAt),
      firstResponseDueAt: iso(row.firstResponseDueAt),
      resolutionDueAt: iso(row.resolutionDueAt),
      closedAt: iso(row.closedAt),
      lastMessageAt: iso(row.lastMessageAt),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ at: last.orderKey, id: last.id, ...(tab === "queue" && { queue: { priority: last.priority, due: last.dueKey } }) })
        : null,
    total: total === null ? null : Math.min(total, TOTAL_CAP),
    totalCapped: total !== null && total > TOTAL_CAP,
  };
}

/** The ordering keys are the cursor's, not the row's. */
function withoutOrderKey<R extends { orderKey: string; dueKey: string }>(row: R): Omit<R, "orderKey" | "dueKey"> {
  const copy: Partial<R> = { ...row };
  delete copy.orderKey;
  delete copy.dueKey;
  return copy as Omit<R, "orderKey" | "dueKey">;
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
