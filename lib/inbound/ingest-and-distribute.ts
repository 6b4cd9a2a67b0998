// The one hook from WhatsApp to the distribution engine: a conversation a webhook body
// opened is routed (and what changed announced) before its welcome message goes out.
// The ingest worker (ingest-worker.ts) and the retry sweep in server.ts use it.
import type { Db } from "@/db/client";
import { routeNewConversation } from "@/lib/distribution";
import { announce, announceChanges } from "@/lib/realtime/announce";
import { routeTimedOut } from "@/lib/routing/route-conversation";
import { graphConfigFromEnv, retryPendingWebhooks, type GraphConfig } from "@/lib/whatsapp";
import { afterOpened, announceWelcome } from "@/lib/whatsapp/ingest";
import { tellPlaceInLine } from "@/lib/place-in-line/tell";

/** Routes a conversation a webhook opened (its group's queue drains, oldest first) and announces the changes. */
export const distributeOpened = (db: Db) => async (conversationId: number) => announceChanges(await routeNewConversation(db, conversationId));

/** Tells the waiting customers of groups conversations entered their place in line (docs/behaviour.md#place-in-line). */
export const tellEntered = (db: Db, graph: GraphConfig) => (groupIds: number[]) =>
  tellPlaceInLine(db, graph, { groupIds, onDelivered: announceWelcome });

/** The sweep's share of the ingest queue: bodies due (again), distributed the same way. */
export function retryAndDistribute(db: Db, options: { outboxAndMedia?: boolean } = {}): Promise<number> {
  return retryPendingWebhooks(db, { onConversationOpened: distributeOpened(db), onEnteredQueue: tellEntered(db, graphConfigFromEnv()), ...options });
}

/**
 * The sweep's share of the entry menu (docs/behaviour.md#entry-menu): conversations silent past the menu's
 * timeout go to the default group, then are distributed and welcomed as any arrival.
 */
export async function routeTimedOutAndDistribute(db: Db, options: { minuteSeconds?: number; graph?: GraphConfig } = {}): Promise<number> {
  const routed = await routeTimedOut(db, options);
  for (const r of routed) {
    announce({ type: "conversation.changed", conversationId: r.conversationId, groupId: r.groupId, status: "queued", assigneeId: null, previousAssigneeId: null, actorId: null, kind: "route" });
    const graph = options.graph ?? graphConfigFromEnv();
    await afterOpened(db, r.conversationId, { graph, onConversationOpened: distributeOpened(db), onEnteredQueue: tellEntered(db, graph) });
  }
  return routed.length;
}
