// The message thread of a conversation, oldest first, with who wrote each message, a page
// at a time from the latest: older pages by a keyset on (created_at, id) before a message.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { mediaFiles, messages, users } from "@/db/schema";
import { explainedCodeOf } from "@/lib/whatsapp/meta-errors";
import type { ThreadMessage } from "./types";

/** Messages per page of the thread; a full page means there may be older ones. */
export const THREAD_PAGE_SIZE = 100;

export async function listThreadMessages(
  db: Queryable,
  conversationId: number,
  options: { before?: number; limit?: number } = {},
): Promise<ThreadMessage[]> {
  const before = options.before
    ? sql`(${messages.createdAt}, ${messages.id}) < (SELECT b.created_at, b.id FROM ${messages} b WHERE b.id = ${options.before} AND b.conversation_id = ${conversationId})`
    : undefined;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      type: messages.type,
      body: messages.body,
      payload: messages.payload,
      authorType: messages.authorType,
      authorId: messages.authorUserId,
      authorName: users.name,
      status: messages.status,
      error: messages.error,
      waMessageId: messages.waMessageId,
      createdAt: messages.createdAt,
      mediaId: mediaFiles.id,
      mediaState: mediaFiles.state,
      mediaMimeType: mediaFiles.mimeType,
      mediaSize: mediaFiles.size,
      mediaFilename: mediaFiles.filename,
      mediaError: mediaFiles.error,
      mediaRetrying: sql<boolean>`${mediaFiles.nextAttemptAt} < 'infinity'::timestamptz`,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(mediaFiles, eq(mediaFiles.messageId, messages.id))
    .where(and(eq(messages.conversationId, conversationId), before))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(options.limit ?? THREAD_PAGE_SIZE);

  return rows.reverse().map(({ error, createdAt, mediaId, mediaState, mediaMimeType, mediaSize, mediaFilename, mediaError, mediaRetrying, ...row }) => ({
    ...row,
    media:
      mediaId === null || mediaState === null
        ? null
        : {
            id: mediaId,
            state: mediaState,
            mimeType: mediaMimeType,
            size: mediaSize,
            filename: mediaFilename,
            retrying: mediaState === "failed" && mediaRetrying,
            failureReason: mediaState === "failed" ? failureReason(mediaError) : null,
          },
    failureReason: row.status === "failed" ? failureReason(error) : null,
    failureCode: row.status === "failed" ? explainedCodeOf(error) : null,
    createdAt: createdAt.toISOString(),
  }));
}

/** Meta's error objects carry the useful part in error_data.details, else message or title. */
function failureReason(error: Record<string, unknown> | null): string | null {
  if (!error) return null;
  const details = (error.error_data as { details?: unknown } | undefined)?.details;
  for (const candidate of [details, error.message, error.title]) {
    if (typeof candidate === "string" && candidate.trim()) return candidate;
  }
  return null;
}
