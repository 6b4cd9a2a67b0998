// POST /api/webhooks/whatsapp, the whole of it (issue 18): verify, store (the group
// commit), answer. server.ts answers it straight from Node's HTTP server, ahead of
// Next.js (the acknowledgement is the hot path of ingest, and Next's routing costs
// more than the work); app/api/webhooks/whatsapp/route.ts serves it the same way
// wherever server.ts does not (tests that call the route, `next start`).
import type { Db } from "@/db/client";
import { createGroupCommit, receiveWebhook, StoreOverloadedError, type GroupCommit } from "@/lib/whatsapp";
import { wakeIngest } from "./ingest-worker";

export const WEBHOOK_PATH = "/api/webhooks/whatsapp";

/** The answer, and the stored body's id when it was stored (server.ts names its request to the ingest thread). */
export type WebhookAnswer = { status: number; body: Record<string, unknown>; headers?: Record<string, string>; eventId?: number };

export async function answerWebhookPost(
  db: Db,
  request: { rawBody: Uint8Array; signature: string | null; remoteAddr: string | null; requestId?: string | null },
  appSecret: string,
): Promise<WebhookAnswer> {
  try {
    const receipt = await receiveWebhook(db, request, { appSecret, store: groupCommitOf(db).store });
    if (!receipt.accepted) return { status: receipt.status, body: { error: receipt.error } };
    return { status: 200, body: { ok: true }, eventId: receipt.eventId };
  } catch (error) {
    // Not stored, so not acknowledged: Meta delivers it again (docs/behaviour.md#whatsapp).
    if (error instanceof StoreOverloadedError) return { status: 503, body: { error: error.message }, headers: { "retry-after": "1" } };
    console.error("[fila] a webhook body could not be stored:", error);
    return { status: 500, body: { error: "the body could not be stored; deliver it again" } };
  }
}

// One group commit per database pool, shared by every request of the module graph.
const commits = new WeakMap<Db, GroupCommit>();
function groupCommitOf(db: Db): GroupCommit {
  let commit = commits.get(db);
  if (!commit) commits.set(db, (commit = createGroupCommit(db, { onStored: wakeIngest })));
  return commit;
}
