// An outbound text (an agent's reply or a group's welcome): stored first as pending, so
// the thread shows it at once and nothing is lost, then sent with no transaction open,
// then marked sent (with WhatsApp's id, which delivery statuses refer to) or failed.
//
// Meta's error code decides what a failure does besides failing the message
// (meta-errors.ts): an invalid token (190) marks the channel as needing a new one and
// tells managers; a closed window (131047) closes the reply box.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels, contacts, conversations, messages, type Conversation } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { announce } from "@/lib/realtime/announce";
import { applyParkedStatuses, closeWindow, lockMessageId } from "./delivery-status";
import { containsUrl, GraphApiError, sendMessage, type MessageContent, type Recipient } from "./graph-api";
import type { GraphConfig } from "./graph-config";

export type OutboundTarget = {
  conversationId: number;
  groupId: number;
  assigneeId: number | null;
  status: Conversation["status"];
  /** The 24-hour customer-service window is open (the contact wrote within 24 h). */
  windowOpen: boolean;
  to: Recipient;
  channel: { id: number; groupId: number; displayNumber: string; phoneNumberId: string; accessTokenEncrypted: string | null };
};

export async function loadOutboundTarget(db: Db, conversationId: number): Promise<OutboundTarget | null> {
  const [row] = await db
    .select({
      conversationId: conversations.id,
      groupId: conversations.groupId,
      assigneeId: conversations.assigneeId,
      status: conversations.status,
      // The database's clock, the one last_inbound_at was compared with everywhere else.
      // Closed also when WhatsApp said so (131047) after the contact's last message.
      windowOpen: sql<boolean>`coalesce(${conversations.lastInboundAt} > now() - interval '24 hours'
        AND (${conversations.windowClosedAt} IS NULL OR ${conversations.windowClosedAt} < ${conversations.lastInboundAt}), false)`,
      waId: contacts.waId,
      userId: contacts.userId,
      channelId: channels.id,
      channelGroupId: channels.groupId,
      displayNumber: channels.displayNumber,
      phoneNumberId: channels.phoneNumberId,
      accessTokenEncrypted: channels.accessTokenEncrypted,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.id, conversationId));
  if (!row) return null;
  const { phoneNumberId, accessTokenEncrypted, waId, userId, channelId, channelGroupId, displayNumber, ...target } = row;
  return { ...target, to: { waId, userId }, channel: { id: channelId, groupId: channelGroupId, displayNumber, phoneNumberId, accessTokenEncrypted } };
}

type RefusingChannel = { id: number; groupId: number; displayNumber: string };

/**
 * Meta refused the channel's token (190): the channel needs a new one, and managers are
 * told. A token Fila could not even read (type channel_token) is not Meta's word.
 */
export async function recordTokenRefusal(db: Db, channel: RefusingChannel, failure: GraphApiError): Promise<void> {
  if (failure.kind !== "token" || failure.error.type === "channel_token") return;
  await db
    .update(channels)
    .set({ tokenInvalidAt: sql`now()`, tokenError: failure.error })
    .where(eq(channels.id, channel.id));
  announce({ type: "channel.token_invalid", channelId: channel.id, groupId: channel.groupId, displayNumber: channel.displayNumber });
}

export type OutboundAuthor = { authorType: "user"; authorUserId: number; authorize?: boolean } | { authorType: "system" };

export type OutboundResult =
  | { sent: true; messageId: number; waMessageId: string }
  | { sent: false; messageId: number; error: GraphApiError };

export async function storeAndSendText(db: Db, target: OutboundTarget, author: OutboundAuthor, body: string, graph: GraphConfig): Promise<OutboundResult> {
  return storeAndSend(db, target, author, { type: "text", body, payload: null, content: async () => ({ type: "text", text: { preview_url: containsUrl(body), body } }) }, graph);
}

/**
 * What an outbound message is: what the thread stores (type, body, payload), the file it
 * carries (media_files, linked in the same transaction), and the Graph API content,
 * built once the message is stored (a file is uploaded to Meta first).
 */
export type OutboundMessage = {
  type: string;
  body: string | null;
  payload: Record<string, unknown> | null;
  mediaFileId?: number;
  content: () => Promise<MessageContent>;
};

export async function storeAndSend(db: Db, target: OutboundTarget, author: OutboundAuthor, outbound: OutboundMessage, graph: GraphConfig): Promise<OutboundResult> {
  const messageId = await db.transaction(async (tx) => {
    // An agent's reply is authorized again under the conversation's row lock: the
    // conversation may have been transferred or closed since the caller checked.
    if (author.authorType === "user" && author.authorize) {
      const [current] = await tx.execute<{ status: string; assigneeId: number | null; role: string | null; active: boolean | null }>(sql`
        SELECT c.status, c.assignee_id AS "assigneeId", u.role, u.active
          FROM conversations c LEFT JOIN users u ON u.id = ${author.authorUserId}
         WHERE c.id = ${target.conversationId}
           FOR UPDATE OF c`);
      if (!current || current.active !== true || (current.role !== "manager" && current.assigneeId !== author.authorUserId)) {
        throw new UserError("forbidden", "Only the assigned agent or a manager can do this.");
      }
      if (current.status === "closed") throw new UserError("conflict", "This conversation is closed.");
    }
    const [row] = await tx
      .insert(messages)
      .values({
        conversationId: target.conversationId,
        direction: "out",
        type: outbound.type,
        body: outbound.body,
        payload: outbound.payload,
        authorType: author.authorType,
        authorUserId: author.authorType === "user" ? author.authorUserId : null,
        status: "pending",
      })
      .returning({ id: messages.id });
    if (outbound.mediaFileId !== undefined) {
      await tx.execute(sql`UPDATE media_files SET message_id = ${row!.id}, updated_at = now() WHERE id = ${outbound.mediaFileId} AND message_id IS NULL`);
    }
    await tx
      .update(conversations)
      .set({ lastMessageAt: sql`GREATEST(${conversations.lastMessageAt}, now())` })
      .where(eq(conversations.id, target.conversationId));
    return row!.id;
  });

  let waMessageId: string;
  try {
    ({ waMessageId } = await sendMessage(graph, target.channel, target.to, await outbound.content()));
  } catch (error) {
    const failure = error instanceof GraphApiError ? error : new GraphApiError({ message: String(error) }, null, 0);
    await db.transaction(async (tx) => {
      await tx
        .update(messages)
        .set({ status: "failed", error: failure.error, failedAt: sql`now()` })
        .where(eq(messages.id, messageId));
      if (failure.kind === "window_closed") await closeWindow(tx, target.conversationId);
    });
    await recordTokenRefusal(db, target.channel, failure);
    return { sent: false, messageId, error: failure };
  }

  await db.transaction(async (tx) => {
    // Meta's webhook may have beaten this answer: statuses kept for this id apply now.
    await lockMessageId(tx, waMessageId);
    await tx
      .update(messages)
      .set({ waMessageId, status: "sent", sentAt: sql`now()` })
      .where(eq(messages.id, messageId));
    await applyParkedStatuses(tx, waMessageId);
    // The token works again (a manager replaced it, or Meta's refusal was passing).
    await tx
      .update(channels)
      .set({ tokenInvalidAt: null, tokenError: null })
      .where(and(eq(channels.id, target.channel.id), isNotNull(channels.tokenInvalidAt)));
    // Time to first response counts agents' replies, not the automatic welcome.
    if (author.authorType === "user") {
      await tx
        .update(conversations)
        .set({ firstResponseAt: sql`COALESCE(${conversations.firstResponseAt}, now())` })
        .where(eq(conversations.id, target.conversationId));
    }
  });
  return { sent: true, messageId, waMessageId };
}
