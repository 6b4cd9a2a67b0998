// GET /api/v1/media/{id}: a stored file, to users who may see its conversation (docs/behaviour.md#the-inbox),
// streamed from media_chunks with HTTP range requests so that audio and video seek.
// Web-standard Response and ReadableStream, no Next.js: the route only hands it over.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { isManager, requireActor, requireConversationAccess, type Actor } from "@/lib/auth/permissions";
import { parseInput, UserError } from "@/lib/errors";
import { baseMimeType } from "./limits";
import { readChunks } from "./media-chunks";

const idSchema = z.coerce.number({ error: "inbox.invalid.mediaId" }).int("inbox.invalid.mediaId").positive("inbox.invalid.mediaId").max(2_147_483_647, "inbox.invalid.mediaId");

// Shown in the page (img, audio, video); anything else is a download, never rendered by the browser.
const INLINE_MIME = /^(image\/(jpeg|png|webp|gif)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

type StoredMedia = { id: number; state: string; mimeType: string | null; size: number | null; sha256: string | null; filename: string | null; conversationId: number | null; uploadedBy: number | null };

export async function serveMedia(db: Db, actor: Actor | null, rawId: string, request: { range: string | null; download: boolean }): Promise<Response> {
  const user = requireActor(actor);
  const id = parseInput(idSchema, rawId);
  const [media] = await db.execute<StoredMedia>(sql`
    SELECT f.id::int AS id, f.state, f.mime_type AS "mimeType", f.size::float8 AS size, f.sha256, f.filename,
           m.conversation_id AS "conversationId", f.uploaded_by AS "uploadedBy"
      FROM media_files f LEFT JOIN messages m ON m.id = f.message_id
     WHERE f.id = ${id}`);
  if (!media) throw new UserError("not_found", "This file does not exist.");
  if (media.conversationId !== null) await requireConversationAccess(db, user, media.conversationId);
  // An upload not yet sent belongs to who uploaded it.
  else if (media.uploadedBy !== user.id && !isManager(user)) throw new UserError("forbidden", "You cannot open this file.");
  if (media.state !== "ready" || media.size === null) throw new UserError("not_found", "This file is not stored (yet).");

  const size = media.size;
  const mime = media.mimeType ? baseMimeType(media.mimeType) : "application/octet-stream";
  const inline = !request.download && INLINE_MIME.test(mime);
  const headers: Record<string, string> = {
    "content-type": media.mimeType ?? "application/octet-stream",
    "accept-ranges": "bytes",
    // The bytes of a stored file never change; only who may see them does, so never shared caches.
    "cache-control": "private, max-age=86400",
    "x-content-type-options": "nosniff",
    // The same as next.config.ts MEDIA_CONTENT_SECURITY_POLICY (which Next puts on this path).
    "content-security-policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
    "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(media.filename ?? `file-${media.id}`)}`,
    ...(media.sha256 && { etag: `"${media.sha256}"` }),
  };

  const range = parseRange(request.range, size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
  }
  if (size === 0) return new Response(null, { status: 200, headers: { ...headers, "content-length": "0" } });
  const [start, end] = range ?? [0, size - 1];
  const body = readChunks(db, media.id, start, end);
  const length = String(end - start + 1);
  if (!range) return new Response(body, { status: 200, headers: { ...headers, "content-length": length } });
  return new Response(body, { status: 206, headers: { ...headers, "content-length": length, "content-range": `bytes ${start}-${end}/${size}` } });
}

/**
 * One byte range of RFC 9110 (`bytes=0-99`, `bytes=100-`, `bytes=-500`), clamped to the
 * file; null for none, several, or a malformed header (the whole file is served, as the
 * RFC allows); "unsatisfiable" when it starts past the end.
 */
export function parseRange(header: string | null, size: number): [number, number] | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [, from, to] = match as unknown as [string, string, string];
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return [Math.max(size - suffix, 0), size - 1];
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size) return "unsatisfiable";
  if (end < start) return null;
  return [start, end];
}
