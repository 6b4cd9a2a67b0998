// One inbound message of a webhook body, taken on its own (docs/behaviour.md#whatsapp). A customer message
// joins the open conversation of its (contact, channel), or opens one. Notes about the
// contact (system messages) and gestures on an existing message (reactions, edits,
// deletions) go to that message's conversation and never open one, so they never
// trigger a welcome either. Everything here runs inside the transaction of one webhook
// body (or of one parked item's retry), and is written so that any number of bodies can
// run at once and any body can run again.
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { channels, contacts, conversations, messages, type Channel, type Conversation } from "@/db/schema";
import { isMediaType } from "@/lib/media/limits";
import { describeInboundMessage, type InboundContent, type InboundPayload } from "./inbound-message-content";
import type { ParkedItem } from "./webhook-items";
import { describeIssues, unixSecondsToDate, webhookContactSchema, webhookMessageSchema, type WebhookContact, type WebhookMessage } from "./webhook-notification";

export type StoredInboundMessage = {
  conversationId: number;
  groupId: number;
  assigneeId: number | null;
  messageId: number;
  /** This message opened the conversation. */
  opened: boolean;
  /** The conversation's status as this message found it (or opened it), its row locked when it joined or opened it. */
  status: Conversation["status"];
  /** A note about the contact (system) is no answer to anything. */
  authorType: "contact" | "system";
};

/** What a message item needs besides itself: its change's metadata and contacts. */
export type MessageContext = { phoneNumberId: string; displayPhoneNumber?: string; contacts: unknown[] };

export type InboundOutcome = { kind: "stored"; stored: StoredInboundMessage } | { kind: "duplicate" } | { kind: "parked"; parked: ParkedItem };

export async function findChannel(tx: Tx, phoneNumberId: string): Promise<Channel | null> {
  const [channel] = await tx.select().from(channels).where(eq(channels.phoneNumberId, phoneNumberId));
  return channel ?? null;
}

/** Stores one raw message item, or says why it is kept aside. */
export async function storeInboundMessage(tx: Tx, channel: Channel | null, context: MessageContext, raw: unknown): Promise<InboundOutcome> {
  const parsed = webhookMessageSchema.safeParse(raw);
  const rawItem = (typeof raw === "object" && raw !== null ? raw : { value: raw }) as Record<string, unknown>;
  if (!parsed.success) {
    return {
      kind: "parked",
      parked: { kind: "message", reason: "invalid", detail: `message ${String(rawItem.id ?? "without id")}: ${describeIssues(parsed.error)}`, item: rawItem, phoneNumberId: context.phoneNumberId },
    };
  }
  const message = parsed.data;
  const contact = contactOf(context.contacts, message);
  if (!channel) {
    return {
      kind: "parked",
      parked: {
        kind: "message",
        reason: "unknown_channel",
        detail: `message ${message.id} to phone_number_id ${context.phoneNumberId}, which no channel has; stored once one does`,
        key: message.id,
        phoneNumberId: context.phoneNumberId,
        item: messageItem(rawItem, context),
      },
    };
  }

  const identity: Identity = {
    waId: message.from ?? contact?.wa_id,
    userId: message.from_user_id ?? contact?.user_id,
    username: contact?.profile?.username,
    profileName: contact?.profile?.name,
  };
  const content = describeInboundMessage(message);
  const sentAt = unixSecondsToDate(message.timestamp);
  const payload = (content.payload ?? {}) as InboundPayload;
  const targetId = payload.reaction?.messageId ?? payload.revoke?.originalMessageId ?? payload.edit?.originalMessageId;
  // What nearly every message is: from a contact known by number, no note, no gesture.
  if (identity.waId && !identity.userId && !payload.system && targetId === undefined) {
    return storeInOneStatement(tx, channel, { ...identity, waId: identity.waId }, message, content, sentAt);
  }

  // Meta redelivers: a message already stored changes nothing, not even a closed
  // conversation (which it would otherwise reopen).
  const [seen] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.waMessageId, message.id));
  if (seen) return { kind: "duplicate" };

  const contactId = await upsertContact(tx, identity);

  // A note about the contact: in their thread on this number, never a conversation of its own.
  if (payload.system) {
    const conversation = await latestConversation(tx, contactId, channel.id);
    if (!conversation) return keptAside("no_conversation", `system message ${message.id} (${payload.system.kind}) about a contact with no conversation on this number`);
    await applyIdentityChange(tx, contactId, payload.system);
    return insert(tx, conversation, message, content, sentAt, "system");
  }

  // A gesture on an earlier message goes where that message is.
  if (targetId !== undefined) {
    const target = (await conversationOfMessage(tx, targetId)) ?? (await openConversation(tx, contactId, channel.id));
    if (target) return insert(tx, target, message, content, sentAt, "contact");
    // An edit still carries what the contact wrote: it is a message like any other.
    if (!payload.edit) return keptAside("unknown_target", `${message.type} ${message.id} of message ${targetId}, which Fila does not have, and no open conversation to show it in`);
  }

  const conversation = await joinOrOpen(tx, channel, contactId, sentAt);
  return insert(tx, conversation, message, content, sentAt, "contact");

  function keptAside(reason: "no_conversation" | "unknown_target", detail: string): InboundOutcome {
    return { kind: "parked", parked: { kind: "message", reason, detail, key: message.id, phoneNumberId: context.phoneNumberId, item: rawItem } };
  }
}

/** A parked message with what it needs to be processed alone: its change's metadata and its contact. */
export function messageItem(message: Record<string, unknown>, context: MessageContext): Record<string, unknown> {
  const own = context.contacts.filter((raw) => {
    const c = webhookContactSchema.safeParse(raw);
    return c.success && ((c.data.wa_id && c.data.wa_id === message.from) || (c.data.user_id && c.data.user_id === message.from_user_id));
  });
  return { message, contacts: own, metadata: { phone_number_id: context.phoneNumberId, display_phone_number: context.displayPhoneNumber } };
}

type ConversationRow = {
  id: number;
  groupId: number;
  assigneeId: number | null;
  status: Conversation["status"];
  opened: boolean;
  /** Its last_message_at already counts this message (joinOrOpen set it). */
  current?: boolean;
};

/** The contact of a message in its change's contacts: by phone number or by user id. */
function contactOf(list: unknown[], message: WebhookMessage): WebhookContact | undefined {
  for (const raw of list) {
    const parsed = webhookContactSchema.safeParse(raw);
    if (!parsed.success) continue;
    const c = parsed.data;
    if ((message.from && c.wa_id === message.from) || (message.from_user_id && c.user_id === message.from_user_id)) return c;
  }
  return undefined;
}

type Identity = { waId?: string; userId?: string; username?: string; profileName?: string };

/**
 * The contact a message comes from, by phone number (wa_id) or business-scoped user id,
 * created if new. A contact first known by one identifier gains the other when a later
 * message carries both. Race-free for the common case (same new contact in several
 * bodies at once): each path is one INSERT … ON CONFLICT on a unique index.
 */
export async function upsertContact(tx: Tx, identity: Identity): Promise<number> {
  const { waId, userId } = identity;
  const profileName = identity.profileName ?? null;
  const username = identity.username ?? null;
  // A body without a profile keeps the name we have.
  const keep = {
    profileName: sql`COALESCE(excluded.profile_name, contacts.profile_name)`,
    username: sql`COALESCE(excluded.username, contacts.username)`,
  };
  if (waId && userId) {
    const [byUserId] = await tx.select({ id: contacts.id, waId: contacts.waId }).from(contacts).where(eq(contacts.userId, userId)).for("update");
    if (byUserId && byUserId.waId === waId) {
      await tx.update(contacts).set({ profileName: sql`COALESCE(${profileName}, ${contacts.profileName})`, username: sql`COALESCE(${username}, ${contacts.username})` }).where(eq(contacts.id, byUserId.id));
      return byUserId.id;
    }
    if (byUserId && byUserId.waId === null) {
      // Known by user id only; now the number is known too, unless another contact has it.
      const [claimed] = await tx
        .update(contacts)
        .set({ waId, profileName: sql`COALESCE(${profileName}, ${contacts.profileName})`, username: sql`COALESCE(${username}, ${contacts.username})` })
        .where(and(eq(contacts.id, byUserId.id), sql`NOT EXISTS (SELECT 1 FROM contacts other WHERE other.wa_id = ${waId})`))
        .returning({ id: contacts.id });
      if (claimed) return claimed.id;
    }
    // The user id belongs to nobody (it is this number's) or to another number's contact.
    const [row] = await tx
      .insert(contacts)
      .values({ waId, userId: byUserId ? null : userId, username, profileName })
      .onConflictDoUpdate({
        target: contacts.waId,
        set: { ...keep, ...(byUserId ? {} : { userId: sql`COALESCE(contacts.user_id, excluded.user_id)` }) },
      })
      .returning({ id: contacts.id });
    return row!.id;
  }
  if (userId) {
    const [row] = await tx
      .insert(contacts)
      .values({ userId, username, profileName })
      .onConflictDoUpdate({ target: contacts.userId, set: keep })
      .returning({ id: contacts.id });
    return row!.id;
  }
  const [row] = await tx
    .insert(contacts)
    .values({ waId: waId!, username, profileName })
    .onConflictDoUpdate({ target: contacts.waId, set: keep })
    .returning({ id: contacts.id });
  return row!.id;
}

/** A changed number or user id: the contact gets the new one, unless another contact already has it. */
async function applyIdentityChange(tx: Tx, contactId: number, system: NonNullable<InboundPayload["system"]>) {
  if (system.kind === "user_changed_number" && system.newWaId) {
    await tx
      .update(contacts)
      .set({ waId: system.newWaId })
      .where(and(eq(contacts.id, contactId), sql`NOT EXISTS (SELECT 1 FROM contacts other WHERE other.wa_id = ${system.newWaId})`));
  }
  if (system.kind === "user_changed_user_id" && system.newUserId) {
    await tx
      .update(contacts)
      .set({ userId: system.newUserId })
      .where(and(eq(contacts.id, contactId), sql`NOT EXISTS (SELECT 1 FROM contacts other WHERE other.user_id = ${system.newUserId})`));
  }
}

const conversationColumns = {
  id: conversations.id,
  groupId: conversations.groupId,
  assigneeId: conversations.assigneeId,
  status: conversations.status,
  opened: sql<boolean>`false`,
};

async function openConversation(tx: Tx, contactId: number, channelId: number): Promise<ConversationRow | null> {
  const [row] = await tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channelId), ne(conversations.status, "closed")));
  return row ?? null;
}

/** The open conversation of the contact on this number, else their latest closed one. */
async function latestConversation(tx: Tx, contactId: number, channelId: number): Promise<ConversationRow | null> {
  const [row] = await tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channelId)))
    .orderBy(sql`${conversations.status} = 'closed'`, desc(conversations.createdAt), desc(conversations.id))
    .limit(1);
  return row ?? null;
}

async function conversationOfMessage(tx: Tx, waMessageId: string): Promise<ConversationRow | null> {
  const [row] = await tx
    .select(conversationColumns)
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(messages.waMessageId, waMessageId));
  return row ?? null;
}

async function joinOrOpen(tx: Tx, channel: Channel, contactId: number, sentAt: Date): Promise<ConversationRow> {
  // Race-free against other messages of the same new contact: the partial unique index
  // lets one INSERT win; the others update that row. `xmax = 0` holds for a row this
  // statement inserted, not for one it updated, so it says which of the two happened.
  const [conversation] = await tx
    .insert(conversations)
    // A channel with an entry menu asks the contact first (docs/behaviour.md#entry-menu): routing, not queued yet.
    .values({
      contactId,
      channelId: channel.id,
      groupId: channel.groupId,
      status: channel.menu ? "routing" : "queued",
      routingSince: channel.menu ? sql`clock_timestamp()` : null,
      lastInboundAt: sentAt,
      lastMessageAt: sentAt,
    })
    .onConflictDoUpdate({
      target: [conversations.contactId, conversations.channelId],
      targetWhere: sql`status <> 'closed'`,
      set: {
        lastInboundAt: sql`GREATEST(conversations.last_inbound_at, excluded.last_inbound_at)`,
        lastMessageAt: sql`GREATEST(conversations.last_message_at, excluded.last_message_at)`,
      },
    })
    .returning({ id: conversations.id, groupId: conversations.groupId, assigneeId: conversations.assigneeId, status: conversations.status, opened: sql<boolean>`xmax = 0` });
  return { ...conversation!, current: true };
}

/**
 * `storeInboundMessage`'s common case, in one statement instead of four: not already
 * stored (a redelivery changes nothing), the contact upserted, their open conversation on
 * this number joined or opened (`joinOrOpen`), the message and its file to fetch stored.
 * Each step is the same INSERT … ON CONFLICT the separate statements run, chained by
 * RETURNING; a redelivery stops at the first, a concurrent one at the message's.
 */
async function storeInOneStatement(
  tx: Tx,
  channel: Channel,
  identity: Identity & { waId: string },
  message: WebhookMessage,
  content: InboundContent,
  sentAt: Date,
): Promise<InboundOutcome> {
  const at = sentAt.toISOString();
  const media = content.payload?.media?.id && isMediaType(content.type) ? content.payload.media : null;
  const [row] = await tx.execute<{ id: number; groupId: number; assigneeId: number | null; status: Conversation["status"]; opened: boolean; messageId: number | null }>(sql`
    WITH seen AS (
      SELECT 1 FROM messages WHERE wa_message_id = ${message.id}
    ), contact AS (
      INSERT INTO contacts (wa_id, username, profile_name)
      SELECT ${identity.waId}::text, ${identity.username ?? null}::text, ${identity.profileName ?? null}::text WHERE NOT EXISTS (SELECT 1 FROM seen)
      ON CONFLICT (wa_id) DO UPDATE
        SET profile_name = COALESCE(excluded.profile_name, contacts.profile_name), username = COALESCE(excluded.username, contacts.username)
      RETURNING id
    ), conversation AS (
      INSERT INTO conversations (contact_id, channel_id, group_id, status, routing_since, last_inbound_at, last_message_at)
      SELECT contact.id, ${channel.id}::int, ${channel.groupId}::int,
             -- A channel with an entry menu asks the contact first (docs/behaviour.md#entry-menu).
             CASE WHEN ${channel.menu !== null}::boolean THEN 'routing' ELSE 'queued' END::conversation_status,
             CASE WHEN ${channel.menu !== null}::boolean THEN clock_timestamp() END,
             ${at}::timestamptz, ${at}::timestamptz
        FROM contact
      ON CONFLICT (contact_id, channel_id) WHERE status <> 'closed' DO UPDATE
        SET last_inbound_at = GREATEST(conversations.last_inbound_at, excluded.last_inbound_at),
            last_message_at = GREATEST(conversations.last_message_at, excluded.last_message_at)
      RETURNING id, group_id, assignee_id, status, xmax = 0 AS opened
    ), message AS (
      INSERT INTO messages (conversation_id, direction, wa_message_id, type, body, payload, author_type, created_at)
      SELECT conversation.id, 'in', ${message.id}, ${content.type}::text, ${content.body}::text, ${content.payload === null ? null : JSON.stringify(content.payload)}::jsonb, 'contact', ${at}::timestamptz
        FROM conversation
      ON CONFLICT (wa_message_id) DO NOTHING
      RETURNING id
    ), media AS (
      INSERT INTO media_files (message_id, channel_id, direction, wa_media_id, mime_type, sha256, filename)
      SELECT message.id, ${channel.id}::int, 'in', ${media?.id ?? null}::text, ${media?.mimeType ?? null}::text, ${media?.sha256 ?? null}::text, ${media?.filename ?? null}::text
        FROM message WHERE ${media !== null}::boolean
    )
    SELECT conversation.id, conversation.group_id AS "groupId", conversation.assignee_id AS "assigneeId", conversation.status, conversation.opened,
           (SELECT id FROM message)::bigint AS "messageId"
      FROM conversation`);
  if (!row || row.messageId === null) return { kind: "duplicate" };
  return {
    kind: "stored",
    stored: {
      conversationId: row.id,
      groupId: row.groupId,
      assigneeId: row.assigneeId,
      messageId: Number(row.messageId),
      opened: row.opened,
      status: row.status,
      authorType: "contact",
    },
  };
}

async function insert(
  tx: Tx,
  conversation: ConversationRow,
  message: WebhookMessage,
  content: InboundContent,
  sentAt: Date,
  authorType: "contact" | "system",
): Promise<InboundOutcome> {
  const [row] = await tx
    .insert(messages)
    .values({
      conversationId: conversation.id,
      direction: "in",
      waMessageId: message.id,
      type: content.type,
      body: content.body,
      payload: content.payload,
      authorType,
      createdAt: sentAt,
    })
    // A concurrent delivery of the same body stored it first.
    .onConflictDoNothing({ target: messages.waMessageId })
    .returning({ id: messages.id });
  if (!row) return { kind: "duplicate" };
  // Its file, to fetch in the background (lib/media/download-media.ts); a redelivery
  // stored nothing above, so it queues nothing either.
  const media = content.payload?.media;
  if (media?.id && isMediaType(content.type)) {
    await tx.execute(sql`
      INSERT INTO media_files (message_id, channel_id, direction, wa_media_id, mime_type, sha256, filename)
      SELECT ${row.id}, channel_id, 'in', ${media.id}, ${media.mimeType ?? null}, ${media.sha256 ?? null}, ${media.filename ?? null}
        FROM conversations WHERE id = ${conversation.id}`);
  }
  if (!conversation.current) {
    // A closed conversation keeps its place in the lists: a late reaction does not bring it up.
    await tx
      .update(conversations)
      .set({ lastMessageAt: sql`GREATEST(${conversations.lastMessageAt}, ${sentAt.toISOString()}::timestamptz)` })
      .where(and(eq(conversations.id, conversation.id), ne(conversations.status, "closed")));
  }
  return {
    kind: "stored",
    stored: {
      conversationId: conversation.id,
      groupId: conversation.groupId,
      assigneeId: conversation.assigneeId,
      messageId: row.id,
      opened: conversation.opened,
      status: conversation.status,
      authorType,
    },
  };
}
