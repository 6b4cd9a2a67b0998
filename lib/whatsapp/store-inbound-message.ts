// An inbound message joins the open conversation of its (contact, channel), or opens
// one. Everything here runs inside the transaction of one webhook body, and is written
// so that any number of bodies can run at once and any body can run again.
import { eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { channels, contacts, conversations, messages, type Channel } from "@/db/schema";
import { describeInboundMessage } from "./inbound-message-content";
import { unixSecondsToDate, type MessagesValue, type WebhookMessage } from "./webhook-notification";

export type StoredInboundMessage = {
  conversationId: number;
  groupId: number;
  assigneeId: number | null;
  messageId: number;
  /** This message opened the conversation. */
  opened: boolean;
};

/** A body that names a number we do not have: kept as failed and retried, since the channel may be added later. */
class UnknownChannelError extends Error {
  constructor(phoneNumberId: string) {
    super(`unknown phone_number_id ${phoneNumberId}: no channel has this Meta phone-number id; the body is retried once one does`);
    this.name = "UnknownChannelError";
  }
}

export async function storeInboundMessages(tx: Tx, value: MessagesValue): Promise<StoredInboundMessage[]> {
  const incoming = value.messages ?? [];
  if (incoming.length === 0) return [];
  const channel = await findChannel(tx, value.metadata.phone_number_id);

  // Meta redelivers: a message already stored changes nothing, not even a closed
  // conversation (which it would otherwise reopen).
  const seen = new Set(
    (
      await tx
        .select({ waMessageId: messages.waMessageId })
        .from(messages)
        .where(inArray(messages.waMessageId, incoming.map((m) => m.id)))
    ).map((row) => row.waMessageId),
  );

  const stored: StoredInboundMessage[] = [];
  const contactIds = new Map<string, number>();
  for (const message of incoming) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    let contactId = contactIds.get(message.from);
    if (contactId === undefined) {
      const profileName = value.contacts?.find((c) => c.wa_id === message.from)?.profile?.name;
      contactId = await upsertContact(tx, message.from, profileName);
      contactIds.set(message.from, contactId);
    }
    const row = await storeMessage(tx, channel, contactId, message);
    if (row) stored.push(row);
  }
  return stored;
}

async function findChannel(tx: Tx, phoneNumberId: string): Promise<Channel> {
  const [channel] = await tx.select().from(channels).where(eq(channels.phoneNumberId, phoneNumberId));
  if (!channel) throw new UnknownChannelError(phoneNumberId);
  return channel;
}

async function upsertContact(tx: Tx, waId: string, profileName: string | undefined): Promise<number> {
  const [row] = await tx
    .insert(contacts)
    .values({ waId, profileName: profileName ?? null })
    .onConflictDoUpdate({
      target: contacts.waId,
      // A body without a profile keeps the name we have.
      set: { profileName: sql`COALESCE(excluded.profile_name, contacts.profile_name)` },
    })
    .returning({ id: contacts.id });
  return row!.id;
}

async function storeMessage(tx: Tx, channel: Channel, contactId: number, message: WebhookMessage): Promise<StoredInboundMessage | null> {
  const sentAt = unixSecondsToDate(message.timestamp);
  // Race-free against other messages of the same new contact: the partial unique index
  // lets one INSERT win; the others update that row. `xmax = 0` holds for a row this
  // statement inserted, not for one it updated, so it says which of the two happened.
  const [conversation] = await tx
    .insert(conversations)
    .values({ contactId, channelId: channel.id, groupId: channel.groupId, status: "queued", lastInboundAt: sentAt, lastMessageAt: sentAt })
    .onConflictDoUpdate({
      target: [conversations.contactId, conversations.channelId],
      targetWhere: sql`status <> 'closed'`,
      set: {
        lastInboundAt: sql`GREATEST(conversations.last_inbound_at, excluded.last_inbound_at)`,
        lastMessageAt: sql`GREATEST(conversations.last_message_at, excluded.last_message_at)`,
      },
    })
    .returning({
      id: conversations.id,
      groupId: conversations.groupId,
      assigneeId: conversations.assigneeId,
      opened: sql<boolean>`xmax = 0`,
    });

  const content = describeInboundMessage(message);
  const [row] = await tx
    .insert(messages)
    .values({
      conversationId: conversation!.id,
      direction: "in",
      waMessageId: message.id,
      type: content.type,
      body: content.body,
      payload: content.payload,
      authorType: "contact",
      createdAt: sentAt,
    })
    // A concurrent delivery of the same body stored it first.
    .onConflictDoNothing({ target: messages.waMessageId })
    .returning({ id: messages.id });
  if (!row) return null;
  return {
    conversationId: conversation!.id,
    groupId: conversation!.groupId,
    assigneeId: conversation!.assigneeId,
    messageId: row.id,
    opened: conversation!.opened,
  };
}
