// The one hook from WhatsApp to the distribution engine: a conversation a webhook body
// opened is routed (and what changed announced) before its welcome message goes out.
// The ingest worker (ingest-worker.ts) and the retry sweep in server.ts use it.
import type { Db } from "@/db/client";
import { routeNewConversation } from "@/lib/distribution";
import { announceChanges } from "@/lib/realtime/announce";
import { retryPendingWebhooks } from "@/lib/whatsapp";

/** Routes a conversation a webhook opened (its group's queue drains, oldest first) and announces the changes. */
export const distributeOpened = (db: Db) => async (conversationId: number) => announceChanges(await routeNewConversation(db, conversationId));

/** The sweep's share of the ingest queue: bodies due (again), distributed the same way. */
export function retryAndDistribute(db: Db): Promise<number> {
  return retryPendingWebhooks(db, { onConversationOpened: distributeOpened(db) });
}
