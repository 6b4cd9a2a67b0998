// The whole domain of docs/behaviour.md#the-domain. Column names are snake_case in the database
// (drizzle `casing: "snake_case"`), camelCase in TypeScript.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const ts = (name?: string) =>
  name ? timestamp(name, { withTimezone: true, mode: "date" }) : timestamp({ withTimezone: true, mode: "date" });

export const userRole = pgEnum("user_role", ["manager", "agent"]);
export const userStatus = pgEnum("user_status", ["online", "paused", "offline"]);
export const strategy = pgEnum("strategy", ["manual", "balanced", "sequential"]);
// routing: waiting for the contact's answer to the channel's entry menu (docs/behaviour.md#entry-menu).
export const conversationStatus = pgEnum("conversation_status", ["queued", "assigned", "closed", "routing"]);
// internal: a private note (type "note") written by a user for colleagues; never sent to WhatsApp.
export const messageDirection = pgEnum("message_direction", ["in", "out", "internal"]);
export const messageAuthor = pgEnum("message_author", ["contact", "user", "system"]);
export const deliveryStatus = pgEnum("delivery_status", ["pending", "sent", "delivered", "read", "failed"]);
// route: a step of the entry menu (docs/behaviour.md#entry-menu): asked again, or moved into a group.
export const assignmentKind = pgEnum("assignment_kind", ["auto", "self", "manager", "transfer", "requeue", "close", "route"]);
export const welcomeState = pgEnum("welcome_state", ["pending", "sending", "sent", "failed", "skipped"]);
export const outboxKind = pgEnum("outbox_kind", ["welcome", "menu", "menu_again", "out_of_hours", "queue_position"]);
// Why an API token stopped working: revoked by hand, or by an account change that ends
// every session (a trigger on users, db/functions/fila_revoke_api_tokens.sql).
export const apiTokenRevokedReason = pgEnum("api_token_revoked_reason", ["revoked", "password_changed", "signed_out_everywhere", "deactivated"]);
export const webhookOutcome = pgEnum("webhook_outcome", ["received", "processed", "failed", "rejected"]);
// An item of a webhook body (message, status, entry) that could not be used when it came.
export const webhookItemState = pgEnum("webhook_item_state", ["parked", "applied", "invalid", "ignored", "expired"]);
// A media file's bytes: waiting to be fetched from Meta, being fetched, stored, or given up.
export const mediaState = pgEnum("media_state", ["pending", "downloading", "ready", "failed"]);
// Declared most urgent first: PostgreSQL orders an enum as declared, so ORDER BY priority serves urgent first (docs/behaviour.md#service-levels).
export const conversationPriority = pgEnum("conversation_priority", ["urgent", "high", "normal", "low"]);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull().default("agent"),
    status: userStatus().notNull().default("offline"),
    // When the status last became online: the sequential strategy's queue position.
    availableSince: ts(),
    // When the status last left online (null while online): the away-reassignment timer.
    awaySince: ts(),
    active: boolean().notNull().default(true),
    // Sessions carry the version they were issued under; a bump ends them all. A trigger
    // bumps it when the password, role or active flag changes (migration 'session_version').
    sessionVersion: integer().notNull().default(0),
    // Their load: the conversations assigned to them and open, across all groups. Kept
    // exact by a trigger on conversations (migration 'open_conversations_counter'), so a
    // decision reads it instead of counting (which grew with the load and dead rows).
    openConversations: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const channelGroups = pgTable(
  "channel_groups",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    strategy: strategy().notNull().default("manual"),
    onlineOnly: boolean().notNull().default(true),
    maxOpenPerAgent: integer(),
    welcomeMessage: text(),
    // docs/behaviour.md#policies policies.
    allowTakeBeyondCap: boolean().notNull().default(true),
    reassignAwayAfterMinutes: integer(),
    reassignNoReplyAfterMinutes: integer(),
    stickyToLastAgent: boolean().notNull().default(false),
    // docs/behaviour.md#entry-menu: the weekly schedule in a time zone, with holidays (null = always open),
    // and the message a new conversation gets once while the group is closed.
    businessHours: jsonb().$type<BusinessHours>(),
    outOfHoursMessage: text(),
    // Bumped by every settings save that changes something: a form sends the version it
    // saw, and a save against an older one is refused (docs/behaviour.md#group-settings).
    version: integer().notNull().default(0),
    // Service levels (docs/behaviour.md#service-levels): minutes from the customer's first
    // message to the first reply, and to the close (null = no target).
    firstResponseTargetMinutes: integer(),
    resolutionTargetMinutes: integer(),
    // The customer's place in line (docs/behaviour.md#place-in-line): told on entering the
    // queue with nobody eligible, then when the position improves by a step or every
    // queuePositionEveryMinutes, at most queuePositionMaxMessages times, in these words
    // (null = the default text of that language).
    tellQueuePosition: boolean().notNull().default(false),
    queuePositionEveryMinutes: integer(),
    queuePositionMaxMessages: integer().notNull().default(3),
    queuePositionMessagePt: text(),
    queuePositionMessageEn: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("channel_groups_name_key").on(sql`lower(${t.name})`),
    check("channel_groups_first_response_target", sql`${t.firstResponseTargetMinutes} IS NULL OR ${t.firstResponseTargetMinutes} BETWEEN 1 AND 43200`),
    check("channel_groups_resolution_target", sql`${t.resolutionTargetMinutes} IS NULL OR ${t.resolutionTargetMinutes} BETWEEN 1 AND 43200`),
    check("channel_groups_queue_position_every", sql`${t.queuePositionEveryMinutes} IS NULL OR ${t.queuePositionEveryMinutes} BETWEEN 1 AND 1440`),
    check("channel_groups_queue_position_max", sql`${t.queuePositionMaxMessages} BETWEEN 1 AND 20`),
    check("channel_groups_cap_positive", sql`${t.maxOpenPerAgent} IS NULL OR ${t.maxOpenPerAgent} > 0`),
    check("channel_groups_away_minutes", sql`${t.reassignAwayAfterMinutes} IS NULL OR ${t.reassignAwayAfterMinutes} BETWEEN 1 AND 1440`),
    check("channel_groups_no_reply_minutes", sql`${t.reassignNoReplyAfterMinutes} IS NULL OR ${t.reassignNoReplyAfterMinutes} BETWEEN 1 AND 1440`),
  ],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer()
      .notNull()
      .references(() => channelGroups.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The last automatic assignment this member received in this group (half of turnKey).
    lastAutoAssignedAt: ts(),
    // The member's own cap in this group, overriding the group's maxOpenPerAgent (null = the group's).
    maxOpen: integer(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index("group_members_user_idx").on(t.userId),
    check("group_members_cap_positive", sql`${t.maxOpen} IS NULL OR ${t.maxOpen} > 0`),
  ],
);

export const channels = pgTable(
  "channels",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer()
      .notNull()
      .references(() => channelGroups.id),
    displayNumber: text().notNull(),
    phoneNumberId: text().notNull(),
    // AES-GCM ciphertext of the Graph API access token; never sent to a browser.
    accessTokenEncrypted: text(),
    // Meta refused the token (error 190): a manager must set a new one. Cleared when they do.
    tokenInvalidAt: ts(),
    tokenError: jsonb().$type<Record<string, unknown>>(),
    // docs/behaviour.md#entry-menu: the entry menu that routes new conversations to a group (null = straight to groupId).
    menu: jsonb().$type<EntryMenu>(),
    // The WhatsApp Business Account the number belongs to: its message templates (docs/behaviour.md#the-inbox).
    wabaId: text(),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("channels_phone_number_id_key").on(t.phoneNumberId), index("channels_group_idx").on(t.groupId)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // The phone number as WhatsApp gives it; absent for users known only by their user id.
    waId: text(),
    // Meta's business-scoped user id (BSUID, e.g. "BR.1502576394655843") and the username.
    userId: text(),
    username: text(),
    profileName: text(),
    // Set by an agent (the contact panel): shown instead of the WhatsApp profile name.
    displayName: text(),
    note: text(),
    updatedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contacts_wa_id_key").on(t.waId),
    uniqueIndex("contacts_user_id_key").on(t.userId),
    check("contacts_identified", sql`${t.waId} IS NOT NULL OR ${t.userId} IS NOT NULL`),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    contactId: integer()
      .notNull()
      .references(() => contacts.id),
    channelId: integer()
      .notNull()
      .references(() => channels.id),
    // The group the conversation is distributed in (its channel's group when it opened).
    groupId: integer()
      .notNull()
      .references(() => channelGroups.id),
    status: conversationStatus().notNull().default("queued"),
    assigneeId: integer().references(() => users.id),
    queuedAt: ts().notNull().defaultNow(),
    assignedAt: ts(),
    firstResponseAt: ts(),
    closedAt: ts(),
    lastInboundAt: ts(),
    lastMessageAt: ts(),
    welcomeSentAt: ts(),
    // Entry menu (status routing): when the menu was last asked, and the answers not understood.
    routingSince: ts(),
    routingMisses: integer().notNull().default(0),
    // WhatsApp refused a reply because the 24-hour window had closed (error 131047): the
    // reply box stays closed until the contact writes after this.
    windowClosedAt: ts(),
    // Service levels (docs/behaviour.md#service-levels): set by a trigger from the group's
    // targets when the conversation enters a group (created_at + target), and marked by
    // the sweep when passed unmet (one alert and one sla.breached each).
    priority: conversationPriority().notNull().default("normal"),
    firstResponseDueAt: ts(),
    resolutionDueAt: ts(),
    firstResponseBreachedAt: ts(),
    resolutionBreachedAt: ts(),
    // The customer's place in line (docs/behaviour.md#place-in-line): times told, when last, at which position.
    positionMessages: integer().notNull().default(0),
    positionToldAt: ts(),
    positionTold: integer(),
    createdAt: ts().notNull().defaultNow(),
    // Rollups for the reports (docs/behaviour.md#reports), kept exact by a trigger on assignment_events in the
    // same transaction as the event: the first event with an assignee, and the transfers.
    firstAssignedAt: ts(),
    firstAssignmentKind: assignmentKind(),
    transferCount: integer().notNull().default(0),
    // The reports' three durations in seconds (queue wait, first response, resolution), stored
    // when their instant is set: the same expression the reports computed per row at read
    // time (extract's numeric to float8 was most of a summary's CPU), so the same values.
    queueWaitSeconds: doublePrecision().generatedAlwaysAs(sql`extract(epoch FROM first_assigned_at - created_at)::float8`),
    firstResponseSeconds: doublePrecision().generatedAlwaysAs(sql`extract(epoch FROM first_response_at - created_at)::float8`),
    resolutionSeconds: doublePrecision().generatedAlwaysAs(sql`extract(epoch FROM closed_at - created_at)::float8`),
    // The inbox's order for Mine and All (latest activity first), stored so that it can be indexed.
    activityAt: ts()
      .notNull()
      .generatedAlwaysAs(sql`coalesce(last_message_at, created_at)`),
    // The queue's order after priority: the earliest unmet due time ('infinity' without one).
    queueDueAt: ts()
      .notNull()
      .generatedAlwaysAs(
        sql`coalesce(least(CASE WHEN first_response_at IS NULL THEN first_response_due_at END, resolution_due_at), 'infinity'::timestamptz)`,
      ),
  },
  (t) => [
    // At most one open conversation per (contact, channel).
    uniqueIndex("conversations_open_per_contact_channel")
      .on(t.contactId, t.channelId)
      .where(sql`${t.status} <> 'closed'`),
    // The general queue of a group: priority, then due time, then arrival.
    index("conversations_queue_idx").on(t.groupId, t.priority, t.queueDueAt, t.queuedAt, t.id).where(sql`${t.status} = 'queued'`),
    // load(a): open conversations per assignee. Partial so that closed history does not grow it.
    index("conversations_load_idx").on(t.assigneeId).where(sql`${t.status} = 'assigned'`),
    index("conversations_group_created_idx").on(t.groupId, t.createdAt),
    // The inbox lists page by (activity_at, id) with a cursor: Mine, All, each with open or any status.
    index("conversations_assignee_activity_idx").on(t.assigneeId, t.activityAt, t.id),
    index("conversations_assignee_open_activity_idx").on(t.assigneeId, t.activityAt, t.id).where(sql`${t.status} = 'assigned'`),
    index("conversations_activity_idx").on(t.activityAt, t.id),
    index("conversations_open_activity_idx").on(t.activityAt, t.id).where(sql`${t.status} <> 'closed'`),
    index("conversations_group_activity_idx").on(t.groupId, t.activityAt, t.id),
    // The queue across several groups, in the same order.
    index("conversations_queued_idx").on(t.priority, t.queueDueAt, t.queuedAt, t.id).where(sql`${t.status} = 'queued'`),
    // The sweep's breach check: open conversations with a due time.
    index("conversations_due_idx").on(t.queueDueAt).where(sql`${t.status} <> 'closed'`),
    // Sticky contacts: the contact's previous conversations in a group, latest first.
    index("conversations_contact_group_idx").on(t.contactId, t.groupId, t.id),
    // Contact history: the contact's conversations, latest first (keyset on id).
    index("conversations_contact_idx").on(t.contactId, t.id),
    // Assigned ⇔ has an assignee while open; a closed one keeps who had it, for history.
    check(
      "conversations_assignee_matches_status",
      sql`(${t.status} <> 'assigned' OR ${t.assigneeId} IS NOT NULL) AND (${t.status} <> 'queued' OR ${t.assigneeId} IS NULL)`,
    ),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id),
    direction: messageDirection().notNull(),
    // WhatsApp's message id (wamid). Unique: a redelivered webhook stores nothing twice.
    waMessageId: text(),
    type: text().notNull(),
    body: text(),
    // Type-specific content: media id, mime type, caption, filename, location, …
    payload: jsonb().$type<Record<string, unknown>>(),
    authorType: messageAuthor().notNull(),
    authorUserId: integer().references(() => users.id),
    status: deliveryStatus(),
    error: jsonb().$type<Record<string, unknown>>(),
    sentAt: ts(),
    deliveredAt: ts(),
    readAt: ts(),
    failedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messages_wa_message_id_key").on(t.waMessageId),
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    // Unread counts: a conversation's customer messages after the one a user saw last.
    index("messages_inbound_idx").on(t.conversationId, t.id).where(sql`${t.direction} = 'in'`),
  ],
);

/** A channel's entry menu (docs/behaviour.md#entry-menu); validated by lib/routing/entry-menu.ts. */
export type MenuLanguage = "pt-BR" | "en";
export type EntryMenu = {
  question: string;
  /** An option may set the conversation's priority (docs/behaviour.md#service-levels); none = normal. */
  options: { label: string; groupId: number; priority?: "urgent" | "high" | "normal" | "low" }[];
  /** The language the menu speaks to contacts: its "didn't understand" line (menus saved before it: Portuguese). */
  language?: MenuLanguage;
  defaultGroupId: number;
  timeoutMinutes: number;
  /** Numbered text instead of WhatsApp buttons or a list. */
  textOnly: boolean;
};

/** A group's business hours (docs/behaviour.md#entry-menu); validated and read by lib/routing/business-hours.ts. */
export type BusinessHours = {
  /** IANA time zone, e.g. "America/Sao_Paulo". */
  timeZone: string;
  /** Opening intervals, "HH:MM" local; day 0 = Sunday. An end at or before the start runs past midnight. */
  intervals: { day: number; start: string; end: string }[];
  /** Closed dates, "YYYY-MM-DD" local. */
  holidays: string[];
};

// What each user has seen of each conversation: unread = customer messages after lastReadMessageId.
export const conversationReads = pgTable(
  "conversation_reads",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    lastReadMessageId: bigint({ mode: "number" }).notNull(),
    readAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.conversationId] })],
);

/** Why a candidate was not eligible: a stable code (for the interface's wording) and the detail in English. */
export type IneligibleCode = "inactive" | "offline" | "paused" | "atCap" | "ownCap" | "returned" | "closed";

/** The policies of docs/behaviour.md#policies that can decide or cause a change. */
export type PolicyName = "sticky" | "away" | "no_reply" | "member_removed" | "returned_longest_ago" | "reopened";

export type AssignmentReason = {
  strategy: "manual" | "balanced" | "sequential";
  candidates?: {
    userId: number;
    load: number;
    turnKey: string | null;
    eligible: boolean;
    why?: string;
    whyCode?: IneligibleCode;
    /** The cap that applied to the candidate (their own, else the group's); null = none. */
    cap?: number | null;
  }[];
  winner?: number | null;
  note?: string;
  /** The policy that decided (sticky) or caused (a requeue) this change. */
  policy?: PolicyName;
  /** A timer policy's minutes, as set when it acted. */
  minutes?: number;
  /** Sticky contact: the contact's last agent in the group, and whether they received it. */
  sticky?: { agentId: number; applied: boolean };
  /** An entry-menu step (kind route). */
  routing?: RoutingStep;
  /** A transfer to another group: the group it left and the one it went to. */
  group?: { from: number; to: number };
  /** The conversation's priority when not normal: the queue serves higher priority first. */
  priority?: "urgent" | "high" | "low";
};

/** One step of the entry menu, as recorded in a `route` event. */
export type RoutingStep = {
  step: "asked_again" | "chosen" | "default";
  /** What the contact answered (the reply's title, or their text). */
  answer?: string;
  via?: "button" | "list" | "number" | "label" | "word";
  /** The priority the chosen option set, if it sets one. */
  priority?: "urgent" | "high" | "normal" | "low";
  /** Why the default group: a second answer not understood, or silence. */
  cause?: "invalid_twice" | "timeout";
  fromGroupId: number;
  toGroupId?: number;
};

export const assignmentEvents = pgTable(
  "assignment_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id),
    groupId: integer()
      .notNull()
      .references(() => channelGroups.id),
    kind: assignmentKind().notNull(),
    actorId: integer().references(() => users.id),
    fromUserId: integer().references(() => users.id),
    toUserId: integer().references(() => users.id),
    reason: jsonb().$type<AssignmentReason>(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("assignment_events_conversation_idx").on(t.conversationId, t.id),
    index("assignment_events_group_created_idx").on(t.groupId, t.createdAt),
    index("assignment_events_to_user_idx").on(t.toUserId, t.createdAt),
  ],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    receivedAt: ts().notNull().defaultNow(),
    rawBody: text().notNull(),
    signature: text(),
    outcome: webhookOutcome().notNull().default("received"),
    error: text(),
    attempts: integer().notNull().default(0),
    processedAt: ts(),
    // Refused bodies keep only their first KB and this SHA-256 of the whole (hex).
    bodySha256: text(),
    // The sender's address (TRUSTED_PROXIES decides which one): refused bodies are rate limited by it.
    remoteAddr: text(),
    // The contact the body is from (phone-number id and sender), when it has messages:
    // the ingest pipeline processes one contact's bodies in arrival order.
    orderKey: text(),
    // The id of the HTTP request that delivered the body (x-request-id), carried into
    // the ingest thread's log lines and the outgoing webhooks its processing enqueues.
    requestId: text(),
  },
  (t) => [
    index("webhook_events_rejected_addr_idx").on(t.remoteAddr, t.receivedAt).where(sql`${t.outcome} = 'rejected'`),
    index("webhook_events_received_idx").on(t.receivedAt),
    index("webhook_events_pending_idx").on(t.receivedAt).where(sql`${t.outcome} IN ('received', 'failed')`),
    // The ingest queue (lib/inbound/ingest-queue.ts): claimed in id order, one contact's oldest first.
    index("webhook_events_queue_idx").on(t.id).where(sql`${t.outcome} IN ('received', 'failed')`),
    index("webhook_events_order_key_idx").on(t.orderKey, t.id).where(sql`${t.outcome} IN ('received', 'failed')`),
  ],
);

// Every change of an agent's status (by the agent, by presence, by deactivation), written by
// a trigger on users so that no code path can forget it: the reports' time in status.
export const agentStatusHistory = pgTable(
  "agent_status_history",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: userStatus().notNull(),
    // agent | presence | deactivation | system (set with set_config('fila.status_source', …)).
    source: text().notNull(),
    changedAt: ts().notNull().defaultNow(),
  },
  (t) => [index("agent_status_history_user_idx").on(t.userId, t.changedAt)],
);

// Who had a conversation when: one row per stretch with an assignee, opened and closed by a
// trigger on assignment_events (same transaction). The reports' load over time.
export const assignmentSpans = pgTable(
  "assignment_spans",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id),
    groupId: integer()
      .notNull()
      .references(() => channelGroups.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    startedAt: ts().notNull(),
    endedAt: ts(),
  },
  (t) => [
    index("assignment_spans_open_idx").on(t.conversationId).where(sql`${t.endedAt} IS NULL`),
    // The events trigger ends the span an event falls in, open or not (a late event):
    // without this, that UPDATE read every span of the history (5 ms at 50,000 spans).
    index("assignment_spans_conversation_idx").on(t.conversationId, t.startedAt),
  ],
);

// Items of webhook bodies that could not be used when they came (docs/behaviour.md#whatsapp): a message for
// a number Fila does not have, a status for a message id not known yet, an item missing
// a field. Kept with the reason; the parked ones are tried again by the sweep (and a
// parked status as soon as its message id is recorded) until applied or expired.
export const webhookItems = pgTable(
  "webhook_items",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    webhookEventId: bigint({ mode: "number" })
      .notNull()
      .references(() => webhookEvents.id),
    // message | status | entry | change
    kind: text().notNull(),
    // What makes the item unique (wamid, wamid:status, or a hash of the item): a
    // redelivered body parks nothing twice.
    itemKey: text().notNull(),
    // unknown_channel | unknown_message (parked, retried); invalid; no_conversation | unknown_target (ignored)
    reason: text().notNull(),
    detail: text().notNull(),
    state: webhookItemState().notNull(),
    phoneNumberId: text(),
    // For a status: the message id it refers to.
    waMessageId: text(),
    // The item as sent, with what is needed to process it alone (metadata, contacts).
    item: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    lastTriedAt: ts(),
    resolvedAt: ts(),
  },
  (t) => [
    uniqueIndex("webhook_items_key").on(t.kind, t.itemKey),
    index("webhook_items_parked_idx").on(t.createdAt).where(sql`${t.state} = 'parked'`),
    index("webhook_items_wa_message_idx").on(t.waMessageId).where(sql`${t.state} = 'parked'`),
    index("webhook_items_phone_number_idx").on(t.phoneNumberId).where(sql`${t.state} = 'parked'`),
  ],
);

// Who changed what in the manager area: groups, members, channels, users.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer().references(() => users.id),
    entity: text().notNull(),
    entityId: integer(),
    groupId: integer().references(() => channelGroups.id, { onDelete: "set null" }),
    action: text().notNull(),
    changes: jsonb().$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("audit_log_group_idx").on(t.groupId, t.createdAt)],
);

// Failed and successful sign-ins, for throttling across instances.
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    key: text().notNull(),
    success: boolean().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("login_attempts_key_idx").on(t.key, t.createdAt)],
);

// The welcome message as durable work (issue 11 finding 6): a row is written in the
// transaction that opens the conversation, then claimed, sent and marked; the sweep
// finishes whatever a crash interrupted.
// Other automatic messages use the same pattern, one row per (conversation, kind): the
// entry menu, its second asking, and the out-of-hours message (docs/behaviour.md#entry-menu).
export const welcomeOutbox = pgTable(
  "welcome_outbox",
  {
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: outboxKind().notNull().default("welcome"),
    // The n-th message of its kind (0 for the single ones); the place in line tells a
    // conversation up to queuePositionMaxMessages times, each step once (docs/behaviour.md#place-in-line).
    step: integer().notNull().default(0),
    // What a place-in-line message says, fixed when it was decided, and the figures it told.
    body: text(),
    position: integer(),
    minutes: integer(),
    state: welcomeState().notNull().default("pending"),
    // When the message that opened the conversation was sent: the 24-hour window.
    openedAt: ts().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    // A claim lasts until then; an unfinished claim after it was interrupted.
    leaseUntil: ts(),
    messageId: bigint({ mode: "number" }),
    error: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.kind, t.step] }), index("welcome_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.state} IN ('pending', 'sending', 'failed')`)],
);

// Canned replies (docs/behaviour.md#the-inbox): defined by managers, global (no group) or for one group;
// agents insert them with "/" in the reply box. The shortcut is unique per scope.
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer().references(() => channelGroups.id, { onDelete: "cascade" }),
    shortcut: text().notNull(),
    body: text().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("canned_replies_scope_shortcut_key").on(sql`coalesce(${t.groupId}, 0)`, sql`lower(${t.shortcut})`)],
);

// An @mention in a private note, delivered to a user who may see the conversation
// (undelivered ones are only in the note's payload). readAt: the Mentions view's unread state.
export const mentions = pgTable(
  "mentions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint({ mode: "number" })
      .notNull()
      .references(() => messages.id),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: integer().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    readAt: ts(),
  },
  (t) => [
    uniqueIndex("mentions_message_user_key").on(t.messageId, t.userId),
    index("mentions_user_idx").on(t.userId, t.id),
    index("mentions_unread_idx").on(t.userId).where(sql`${t.readAt} IS NULL`),
  ],
);

// Personal API tokens (docs/behaviour.md#public-api): only the SHA-256 of the token is kept, so a leaked
// table reveals none; `prefix` (the first characters) lets people tell theirs apart.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: ts().notNull().defaultNow(),
    lastUsedAt: ts(),
    revokedAt: ts(),
    revokedReason: apiTokenRevokedReason(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_revoked_reason", sql`(${t.revokedAt} IS NULL) = (${t.revokedReason} IS NULL)`),
  ],
);

// The answers of POSTs that create, by Idempotency-Key, for 24 hours: a retry gets the
// first answer instead of creating twice. `status` is null while the first is running.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer(),
    response: jsonb(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

// Fixed-window request counters of the API's rate limits, shared by every instance.
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text().notNull(),
    windowStart: ts().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

// Outgoing webhooks (docs/behaviour.md#public-api): endpoints that managers register, and the outbox of
// deliveries that triggers write in the transaction of each change (migration
// 'webhook_outbox'); the worker posts them signed and retries for 24 hours.
export const webhookDeliveryState = pgEnum("webhook_delivery_state", ["pending", "delivered", "failed"]);

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  url: text().notNull(),
  // Encrypted like channels' tokens (lib/secrets.ts): the worker needs it to sign.
  secret: text().notNull(),
  events: text().array().notNull(),
  // false: paused (docs/behaviour.md#outgoing-webhooks) — nothing new is queued for it and its
  // pending deliveries wait until it is resumed.
  active: boolean().notNull().default(true),
  // The secret before the last rotation, encrypted too: deliveries are signed with both
  // until 24 hours after secretRotatedAt, so a receiver can switch without losing any.
  previousSecret: text(),
  secretRotatedAt: ts(),
  createdById: integer().references(() => users.id, { onDelete: "set null" }),
  createdAt: ts().notNull().defaultNow(),
});

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid().notNull().defaultRandom(),
    endpointId: integer()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text().notNull(),
    payload: jsonb().notNull(),
    state: webhookDeliveryState().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    // A claim lasts until then: another instance takes the row only after it.
    leaseUntil: ts(),
    lastStatus: integer(),
    lastResponse: text(),
    lastError: text(),
    lastAttemptAt: ts(),
    deliveredAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    // The request (or requests, comma-separated, for an ingest batch) whose transaction
    // enqueued it: fila_enqueue_webhook reads the transaction's fila.request_id.
    requestId: text(),
    // The conversation the event is about (null for webhook.test): the worker sends one
    // endpoint's deliveries of a conversation one at a time, in id order (lib/webhooks/deliver.ts).
    conversationId: integer(),
    // A replay (POST …/deliveries/{id}/replay): the delivery id it copies the event of.
    replayOf: uuid(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_delivery_key").on(t.deliveryId),
    index("webhook_deliveries_line_idx").on(t.endpointId, t.conversationId, t.id).where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
  ],
);

// A photo, voice note, video, document or sticker of a message (docs/behaviour.md#the-inbox "Media"): its
// bytes live in media_chunks, so that every app instance serves them. Inbound files are
// fetched from the Graph API in the background (lib/media/download-media.ts), claimed
// one at a time, retried with backoff, and recovered by the sweep after a crash (an
// expired lease). Outbound files are stored as they are uploaded, then sent to Meta.
export const mediaFiles = pgTable(
  "media_files",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // Null for an outbound upload not yet attached to a message.
    messageId: bigint({ mode: "number" }).references(() => messages.id, { onDelete: "cascade" }),
    channelId: integer()
      .notNull()
      .references(() => channels.id),
    direction: messageDirection().notNull(),
    // Meta's media id: from the webhook (inbound), or from the upload to Meta (outbound).
    waMediaId: text(),
    state: mediaState().notNull().default("pending"),
    mimeType: text(),
    // Bytes stored, once ready (Meta's file_size is checked against it).
    size: bigint({ mode: "number" }),
    sha256: text(),
    filename: text(),
    uploadedBy: integer().references(() => users.id),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    // A claim lasts until then; an unfinished claim after it was interrupted.
    leaseUntil: ts(),
    // Meta's error object (or ours in that shape) when the download failed.
    error: jsonb().$type<Record<string, unknown>>(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("media_files_message_key").on(t.messageId),
    index("media_files_due_idx").on(t.nextAttemptAt).where(sql`${t.direction} = 'in' AND ${t.state} IN ('pending', 'downloading', 'failed')`),
  ],
);

// The bytes of a media file in fixed-size chunks (MEDIA_CHUNK_BYTES, the last one
// shorter), so that a download is written and a range is read without holding the file.
export const mediaChunks = pgTable(
  "media_chunks",
  {
    mediaId: bigint({ mode: "number" })
      .notNull()
      .references(() => mediaFiles.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    bytes: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.mediaId, t.seq] })],
);

// A WhatsApp Business Account's approved message templates, as the Graph API listed them
// (GET /{waba-id}/message_templates), cached; a manager or agent refreshes the list.
export const messageTemplates = pgTable(
  "message_templates",
  {
    wabaId: text().notNull(),
    name: text().notNull(),
    language: text().notNull(),
    category: text(),
    // The template's components as Meta gives them (header, body with {{1}}…, footer, buttons).
    components: jsonb().$type<Record<string, unknown>[]>().notNull(),
    fetchedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.wabaId, t.name, t.language] })],
);

// Socket.IO's PostgreSQL adapter (lib/realtime/cluster-adapter.ts) passes a broadcast over
// NOTIFY's 8 kB limit through this table; it reads and deletes the rows itself. The
// adapter's own shape, made by migration rather than at start.
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigserial({ mode: "number" }).unique(),
  createdAt: ts().defaultNow(),
  payload: bytea(),
});

export type User = typeof users.$inferSelect;
export type ChannelGroup = typeof channelGroups.$inferSelect;
export type Channel = typeof channels.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type AssignmentEvent = typeof assignmentEvents.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type WebhookItem = typeof webhookItems.$inferSelect;
export type CannedReply = typeof cannedReplies.$inferSelect;
export type Mention = typeof mentions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type MediaFile = typeof mediaFiles.$inferSelect;
