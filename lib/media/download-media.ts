// Inbound media, fetched exactly as Meta documents it: GET /{version}/{media-id} with the
// channel's token answers a short-lived URL with the file's mime type, size and SHA-256;
// a GET of that URL with the same token answers the bytes, which stream into
// media_chunks. Durable work like the welcome message: the row is written with the
// message (store-inbound-message.ts), a download claims it (a lease, FOR UPDATE SKIP
// LOCKED: one downloader at a time whatever the instances), and the sweep takes what a
// crash interrupted (lease run out) or what failed and is due again. Meta's trouble and
// the network are retried at once (the Graph config's policy), then later with a backoff
// growing with the attempts; a refusal (expired media, a revoked token) fails at once,
// with Meta's error kept to show.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { announce } from "@/lib/realtime/announce";
import { accessTokenOf, backoffDelay, errorResponseSchema, GraphApiError, sleep } from "@/lib/whatsapp/graph-api";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { recordTokenRefusal } from "@/lib/whatsapp/outbound-message";
import { inboundMimeMatches, isMediaType, MEDIA_LIMITS } from "./limits";
import { MediaTooLargeError, writeChunks } from "./media-chunks";

/** How long a claim lasts: past it the download was interrupted, and the sweep takes it again. */
export const MEDIA_LEASE_SECONDS = 300;
/** Claims before a download that keeps failing is given up. */
export const MEDIA_MAX_ATTEMPTS = 6;

export type MediaDownload = {
  mediaId: number;
  messageId: number;
  conversationId: number;
  outcome: "ready" | "failed";
  /** A failed download the sweep will try again. */
  willRetry: boolean;
  error?: GraphApiError;
};

const metadataSchema = z.object({
  url: z.url(),
  mime_type: z.string().min(1),
  file_size: z.coerce.number().int().nonnegative(),
  sha256: z.string().optional(),
});

type Claim = {
  id: number;
  waMediaId: string;
  messageId: number;
  type: string;
  attempts: number;
  conversationId: number;
  groupId: number;
  assigneeId: number | null;
  channelId: number;
  channelGroupId: number;
  displayNumber: string;
  phoneNumberId: string;
  accessTokenEncrypted: string | null;
};

/** Downloads one inbound file if it is due and nobody else holds it; null when there is nothing to do. */
export async function downloadMedia(db: Db, graph: GraphConfig, mediaId: number, options: { backoffBaseMs?: number } = {}): Promise<MediaDownload | null> {
  const [claim] = await db.execute<Claim>(sql`
    WITH due AS (
      SELECT id FROM media_files
       WHERE id = ${mediaId} AND direction = 'in' AND wa_media_id IS NOT NULL AND message_id IS NOT NULL
         AND (state = 'pending'
              OR (state = 'failed' AND next_attempt_at <= now())
              OR (state = 'downloading' AND lease_until < now()))
         FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE media_files f
         SET state = 'downloading', attempts = f.attempts + 1, updated_at = now(),
             lease_until = now() + make_interval(secs => ${MEDIA_LEASE_SECONDS})
        FROM due WHERE f.id = due.id
      RETURNING f.id, f.wa_media_id, f.message_id, f.attempts, f.channel_id
    )
    SELECT cl.id::int AS id, cl.wa_media_id AS "waMediaId", cl.message_id::int AS "messageId", m.type, cl.attempts,
           c.id AS "conversationId", c.group_id AS "groupId", c.assignee_id AS "assigneeId",
           ch.id AS "channelId", ch.group_id AS "channelGroupId", ch.display_number AS "displayNumber",
           ch.phone_number_id AS "phoneNumberId", ch.access_token_encrypted AS "accessTokenEncrypted"
      FROM claimed cl
      JOIN messages m ON m.id = cl.message_id
      JOIN conversations c ON c.id = m.conversation_id
      JOIN channels ch ON ch.id = cl.channel_id`);
  if (!claim) return null;

  let failure: GraphApiError | null = null;
  for (let attempt = 1; attempt <= graph.retry.attempts; attempt++) {
    try {
      await fetchAndStore(db, graph, claim);
      failure = null;
      break;
    } catch (error) {
      failure = asGraphError(error, attempt);
      if (!retryable(failure) || attempt >= graph.retry.attempts) break;
      await sleep(backoffDelay(graph.retry, attempt));
    }
  }

  const announceMedia = () => announce({ type: "message.media", conversationId: claim.conversationId, groupId: claim.groupId, assigneeId: claim.assigneeId, messageId: claim.messageId });
  if (!failure) {
    announceMedia();
    return { mediaId: claim.id, messageId: claim.messageId, conversationId: claim.conversationId, outcome: "ready", willRetry: false };
  }

  const willRetry = retryable(failure) && claim.attempts < MEDIA_MAX_ATTEMPTS;
  const backoffSeconds = Math.min(((options.backoffBaseMs ?? 5_000) / 1000) * 2 ** (claim.attempts - 1), 3600);
  await db.execute(sql`
    UPDATE media_files
       SET state = 'failed', lease_until = NULL, updated_at = now(), error = ${JSON.stringify(failure.error)}::jsonb,
           next_attempt_at = ${willRetry ? sql`now() + make_interval(secs => ${backoffSeconds})` : sql`'infinity'::timestamptz`}
     WHERE id = ${claim.id}`);
  if (!willRetry) await db.execute(sql`DELETE FROM media_chunks WHERE media_id = ${claim.id}`);
  await recordTokenRefusal(db, { id: claim.channelId, groupId: claim.channelGroupId, displayNumber: claim.displayNumber }, failure);
  console.warn(`[fila] media ${claim.id} (message ${claim.messageId}) not downloaded${willRetry ? ", will retry" : ""}: ${failure.message}`);
  announceMedia();
  return { mediaId: claim.id, messageId: claim.messageId, conversationId: claim.conversationId, outcome: "failed", willRetry, error: failure };
}

async function fetchAndStore(db: Db, graph: GraphConfig, claim: Claim): Promise<void> {
  const token = accessTokenOf({ phoneNumberId: claim.phoneNumberId, accessTokenEncrypted: claim.accessTokenEncrypted }, graph);
  const authorization = { authorization: `Bearer ${token}` };
  const base = graph.baseUrl.replace(/\/+$/, "");
  const metadataUrl = `${base}/${graph.version}/${encodeURIComponent(claim.waMediaId)}?phone_number_id=${encodeURIComponent(claim.phoneNumberId)}`;
  const metaResponse = await fetch(metadataUrl, { headers: authorization, signal: AbortSignal.timeout(graph.timeoutMs) });
  const json: unknown = await metaResponse.json().catch(() => null);
  if (!metaResponse.ok) throw metaFailure(json, metaResponse.status);
  const metadata = metadataSchema.safeParse(json);
  if (!metadata.success) throw new GraphApiError({ message: "The Graph API answered the media id without a URL, mime type or size", type: "media_metadata", response: json }, metaResponse.status, 0);
  const { url, mime_type: mimeType, file_size: fileSize, sha256 } = metadata.data;

  const type = isMediaType(claim.type) ? claim.type : "document";
  const limit = MEDIA_LIMITS[type].maxBytes;
  if (fileSize > limit) throw new GraphApiError({ message: `The ${type} is ${fileSize} bytes, more than WhatsApp's ${limit}`, type: "media_too_large" }, 413, 0);
  if (!inboundMimeMatches(type, mimeType)) throw new GraphApiError({ message: `A ${type} message whose file is ${mimeType}`, type: "media_type" }, 415, 0);

  // The file may take minutes; the timeout guards the wait for its first byte, not the transfer.
  const controller = new AbortController();
  const firstByte = setTimeout(() => controller.abort(new Error("no answer from the media URL")), graph.timeoutMs);
  let download: Response;
  try {
    download = await fetch(url, { headers: authorization, signal: controller.signal });
  } finally {
    clearTimeout(firstByte);
  }
  if (!download.ok || !download.body) {
    const body: unknown = await download.json().catch(() => null);
    // Meta's own error object decides; a bare 404 is an expired URL, which a fresh one mends.
    const meta = errorResponseSchema.safeParse(body);
    if (meta.success) throw metaFailure(body, download.status);
    throw new GraphApiError({ message: `HTTP ${download.status} downloading the media`, type: "media_download" }, 503, 0);
  }
  const stored = await writeChunks(db, claim.id, download.body as unknown as AsyncIterable<Uint8Array>, fileSize);
  if (stored.size !== fileSize || (sha256 && !sameHash(sha256, stored.sha256))) {
    throw new GraphApiError({ message: `The download does not match Meta's size or SHA-256 (${stored.size} of ${fileSize} bytes)`, type: "media_corrupt" }, 503, 0);
  }
  const filenameFromMessage = sql`(SELECT payload->'media'->>'filename' FROM messages WHERE id = ${claim.messageId})`;
  await db.execute(sql`
    UPDATE media_files
       SET state = 'ready', mime_type = ${mimeType}, size = ${stored.size}, sha256 = ${stored.sha256},
           filename = COALESCE(filename, ${filenameFromMessage}), lease_until = NULL, error = NULL, updated_at = now()
     WHERE id = ${claim.id}`);
}

/** Meta's SHA-256 comes as hex from the media endpoint (base64 in webhooks): either matches. */
function sameHash(announced: string, hex: string): boolean {
  return announced.toLowerCase() === hex || announced === Buffer.from(hex, "hex").toString("base64");
}

function metaFailure(json: unknown, status: number): GraphApiError {
  const meta = errorResponseSchema.safeParse(json);
  return new GraphApiError(meta.success ? meta.data.error : { message: `HTTP ${status} from the Graph API` }, status, 0);
}

function asGraphError(error: unknown, attempt: number): GraphApiError {
  if (error instanceof GraphApiError) return new GraphApiError(error.error, error.httpStatus, attempt);
  if (error instanceof MediaTooLargeError) return new GraphApiError({ message: "The download is larger than Meta announced", type: "media_corrupt" }, 503, attempt);
  return new GraphApiError({ message: `Graph API unreachable: ${(error as Error).message}`, type: "network_error" }, null, attempt);
}

const retryable = (failure: GraphApiError) => failure.kind === "rate_limit" || failure.kind === "transient";

/** Downloads the media of these messages (just stored) in the background; failures stay for the sweep. */
export function downloadMediaOfMessages(db: Db, graph: GraphConfig, messageIds: number[]): Promise<void> {
  if (messageIds.length === 0) return Promise.resolve();
  return (async () => {
    const rows = await db.execute<{ id: number }>(sql`
      SELECT id::int AS id FROM media_files WHERE direction = 'in' AND state = 'pending' AND message_id IN ${sql.raw(`(${messageIds.map(Number).join(",")})`)}`);
    await Promise.all(rows.map(({ id }) => downloadMedia(db, graph, id)));
  })().catch((error) => console.error("[fila] media downloads failed (the sweep will retry):", error));
}

/** The safety net: files never claimed, claims a crash interrupted, failures due again. */
export async function sweepMediaDownloads(db: Db, graph: GraphConfig, options: { limit?: number; concurrency?: number; backoffBaseMs?: number } = {}): Promise<MediaDownload[]> {
  const { limit = 20, concurrency = 4 } = options;
  const due = await db.execute<{ id: number }>(sql`
    SELECT id::int AS id FROM media_files
     WHERE direction = 'in' AND message_id IS NOT NULL
       AND ((state = 'pending' AND created_at < now() - interval '3 seconds')
            OR (state = 'failed' AND next_attempt_at <= now())
            OR (state = 'downloading' AND lease_until < now()))
     ORDER BY next_attempt_at, id
     LIMIT ${limit}`);
  const results: MediaDownload[] = [];
  const queue = due.map((row) => row.id);
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const done = await downloadMedia(db, graph, id, options);
        if (done) results.push(done);
      }
    }),
  );
  return results;
}

let sweeping: Promise<unknown> | null = null;

/**
 * The sweep's share, started without waiting for it: a long download must not hold back
 * the queues' drain. One at a time per process (other instances claim other files).
 */
export function sweepMediaInBackground(db: Db, graph: GraphConfig): void {
  if (sweeping) return;
  sweeping = sweepMediaDownloads(db, graph)
    .catch((error) => console.error("[fila] media sweep failed:", error))
    .finally(() => {
      sweeping = null;
    });
}
