// An agent sends a photo, document or audio file (docs/behaviour.md#the-inbox). The file is checked against
// WhatsApp's limits for its type before anything is read (the declared length) and while
// it streams in (the bytes themselves), stored in PostgreSQL so the thread shows it at
// once, then uploaded to Meta and sent with its media id, caption and filename. Who may
// send is checked by the caller and again under the conversation's lock (storeAndSend).
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { requireActor, requireCanWork, type Actor } from "@/lib/auth/permissions";
import { parseInput, UserError } from "@/lib/errors";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { hasControlCharacters } from "@/lib/text-input";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { loadOutboundTarget, storeAndSend } from "@/lib/whatsapp/outbound-message";
import { replyResultOf, type ReplyResult } from "@/lib/whatsapp/send-reply";
import { MEDIA_LIMITS, outboundTypeOf, baseMimeType } from "./limits";
import { MediaTooLargeError, writeChunks } from "./media-chunks";
import { uploadMedia } from "./upload-media";

/** WhatsApp's limit for a media caption, in characters. */
export const MAX_CAPTION_LENGTH = 1024;

export const captionSchema = z
  .string()
  .trim()
  .refine((caption) => [...caption].length <= MAX_CAPTION_LENGTH, "media.invalid.captionTooLong")
  .refine((caption) => !hasControlCharacters(caption, { multiline: true }), "media.invalid.captionTooLong")
  .meta({ maxLength: MAX_CAPTION_LENGTH })
  .optional();

export type MediaUpload = {
  conversationId: number;
  userId: number;
  mimeType: string;
  filename: string;
  /** The length the client declared (Content-Length), checked before reading; null when it did not say. */
  declaredSize: number | null;
  body: AsyncIterable<Uint8Array>;
  caption?: string;
};

/** The file's name without any path, at most 200 characters, never empty. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, "").trim() ?? "";
  return [...(base || "file")].slice(0, 200).join("");
}

/** Refuses a file WhatsApp would refuse, with the catalog key that says why. */
export function refuseUnsendable(mimeType: string, size: number | null, filename: string): void {
  const type = outboundTypeOf(mimeType);
  if (!type) throw new UserError("invalid_input", `WhatsApp cannot carry ${baseMimeType(mimeType) || "this kind of file"} (${filename}).`, { filename }, { file: "media.invalid.type" });
  const limit = MEDIA_LIMITS[type].maxBytes;
  if (size !== null && size > limit) {
    throw new UserError("invalid_input", `${filename} is larger than WhatsApp allows for this type (${limit / 1024 / 1024} MB).`, { filename, limitMb: limit / 1024 / 1024 }, { file: `media.invalid.tooLarge.${type}` });
  }
}

export async function sendMediaReply(db: Db, input: MediaUpload, graph: GraphConfig): Promise<ReplyResult> {
  const caption = parseInput(captionSchema, input.caption) || undefined;
  const filename = cleanFilename(input.filename);
  refuseUnsendable(input.mimeType, input.declaredSize, filename);
  const type = outboundTypeOf(input.mimeType)!;
  const mimeType = baseMimeType(input.mimeType);

  const target = await loadOutboundTarget(db, input.conversationId);
  if (!target) throw new UserError("not_found", "This conversation does not exist.");
  if (target.status === "closed") throw new UserError("conflict", "This conversation is closed.");
  if (!target.windowOpen) {
    throw new UserError("window_closed", "The 24-hour window to reply has closed. WhatsApp allows free-form replies only within 24 hours of the contact's last message.");
  }

  const [file] = await db.execute<{ id: number }>(sql`
    INSERT INTO media_files (channel_id, direction, state, mime_type, filename, uploaded_by)
    VALUES (${target.channel.id}, 'out', 'pending', ${mimeType}, ${filename}, ${input.userId})
    RETURNING id::int AS id`);
  const mediaFileId = file!.id;
  let stored: { size: number; sha256: string };
  try {
    stored = await writeChunks(db, mediaFileId, input.body, MEDIA_LIMITS[type].maxBytes);
  } catch (error) {
    await db.execute(sql`DELETE FROM media_files WHERE id = ${mediaFileId}`);
    if (error instanceof MediaTooLargeError) refuseUnsendable(mimeType, Number.POSITIVE_INFINITY, filename);
    throw error;
  }
  await db.execute(sql`UPDATE media_files SET state = 'ready', size = ${stored.size}, sha256 = ${stored.sha256}, updated_at = now() WHERE id = ${mediaFileId}`);

  const result = await storeAndSend(
    db,
    target,
    { authorType: "user", authorUserId: input.userId, authorize: true },
    {
      type,
      body: caption ?? (type === "document" ? filename : null),
      payload: { media: { mimeType, filename, ...(type === "audio" && { voice: false }) } },
      mediaFileId,
      content: async () => {
        const waMediaId = await uploadMedia(db, graph, target.channel, { id: mediaFileId, mimeType, size: stored.size, filename });
        await db.execute(sql`UPDATE media_files SET wa_media_id = ${waMediaId}, updated_at = now() WHERE id = ${mediaFileId}`);
        // Audio carries no caption on WhatsApp; a document keeps its name.
        const media = type === "audio" ? { id: waMediaId } : type === "document" ? { id: waMediaId, caption, filename } : { id: waMediaId, caption };
        return { type, [type]: media };
      },
    },
    graph,
  );
  return replyResultOf(result, "file");
}

const conversationIdSchema = z.coerce.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId");

/** The command behind POST /api/v1/conversations/{id}/media: who may (the assignee or a manager), then send; the signal is the caller's to publish. */
export async function sendMediaAs(
  db: Db,
  actor: Actor | null,
  input: Omit<MediaUpload, "conversationId" | "userId"> & { conversationId: unknown },
  graph: GraphConfig,
): Promise<ReplyResult & { signal: RealtimeSignal }> {
  const me = requireActor(actor);
  const conversationId = parseInput(conversationIdSchema, input.conversationId);
  const conversation = await requireCanWork(db, me, conversationId);
  const result = await sendMediaReply(db, { ...input, conversationId, userId: me.id }, graph);
  const signal: RealtimeSignal = { type: "message.created", conversationId, groupId: conversation.groupId, assigneeId: conversation.assigneeId, messageId: result.messageId, direction: "out" };
  return { ...result, signal };
}
