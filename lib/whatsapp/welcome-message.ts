// The group's welcome message, sent once when a conversation opens (SPEC §6).
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelGroups, conversations } from "@/db/schema";
import type { GraphConfig } from "./graph-config";
import { loadOutboundTarget, storeAndSendText, type OutboundResult, type OutboundTarget } from "./outbound-message";

/**
 * Sends the welcome of the conversation's group, if it has one and none was sent yet.
 * The compare-and-set on welcome_sent_at picks one sender among any number of
 * concurrent callers (redeliveries, several instances). The claim comes before the
 * send: a crash in between loses the welcome rather than ever sending it twice.
 */
export async function sendWelcomeMessage(
  db: Db,
  conversationId: number,
  graph: GraphConfig,
): Promise<{ target: OutboundTarget; result: OutboundResult } | null> {
  const [claimed] = await db
    .update(conversations)
    .set({ welcomeSentAt: sql`now()` })
    .from(channelGroups)
    .where(
      and(
        eq(conversations.id, conversationId),
        isNull(conversations.welcomeSentAt),
        eq(channelGroups.id, conversations.groupId),
        isNotNull(channelGroups.welcomeMessage),
        sql`btrim(${channelGroups.welcomeMessage}) <> ''`,
      ),
    )
    .returning({ welcomeMessage: channelGroups.welcomeMessage });
  if (!claimed?.welcomeMessage) return null;

  const target = await loadOutboundTarget(db, conversationId);
  if (!target) return null;
  return { target, result: await storeAndSendText(db, target, { authorType: "system" }, claimed.welcomeMessage.trim(), graph) };
}
