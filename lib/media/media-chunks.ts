// The bytes of a media file in PostgreSQL, in fixed-size chunks (media_chunks): written
// as they stream in, read back one batch at a time, so that neither a 100 MB download
// nor a video being seeked ever sits whole in the server's memory. Chunks rather than
// large objects: plain rows replicate, back up and cascade-delete like the rest of the
// data, and a byte range maps to a few primary-key lookups.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Every chunk but a file's last has exactly this many bytes (so a range maps to chunk numbers). */
export const MEDIA_CHUNK_BYTES = 256 * 1024;
/** Chunks read per query when serving (1 MB). */
const CHUNKS_PER_READ = 4;

export class MediaTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${limit} bytes`);
    this.name = "MediaTooLargeError";
  }
}

/**
 * Writes a stream of bytes as the chunks of `mediaId` (replacing any left by an
 * interrupted attempt) and returns its size and SHA-256. Stops with MediaTooLargeError as
 * soon as more than `maxBytes` arrived, whatever the sender announced.
 */
export async function writeChunks(db: Db, mediaId: number, source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ size: number; sha256: string }> {
  await db.execute(sql`DELETE FROM media_chunks WHERE media_id = ${mediaId}`);
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let seq = 0;
  const flush = async (bytes: Buffer) => {
    await db.execute(sql`INSERT INTO media_chunks (media_id, seq, bytes) VALUES (${mediaId}, ${seq++}, ${bytes})`);
  };
  for await (const part of source) {
    size += part.byteLength;
    if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
    hash.update(part);
    pending.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
    pendingBytes += part.byteLength;
    while (pendingBytes >= MEDIA_CHUNK_BYTES) {
      const all = Buffer.concat(pending, pendingBytes);
      await flush(all.subarray(0, MEDIA_CHUNK_BYTES));
      const rest = all.subarray(MEDIA_CHUNK_BYTES);
      // A copy: the rest must not keep the whole concatenation alive.
      pending = rest.byteLength > 0 ? [Buffer.from(rest)] : [];
      pendingBytes = rest.byteLength;
    }
  }
  if (pendingBytes > 0) await flush(Buffer.concat(pending, pendingBytes));
  return { size, sha256: hash.digest("hex") };
}

/** The bytes `start`..`end` (inclusive) of a stored file, as a stream that reads chunks when asked. */
export function readChunks(db: Db, mediaId: number, start: number, end: number): ReadableStream<Uint8Array> {
  let seq = Math.floor(start / MEDIA_CHUNK_BYTES);
  const lastSeq = Math.floor(end / MEDIA_CHUNK_BYTES);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (seq > lastSeq) return controller.close();
        const upTo = Math.min(seq + CHUNKS_PER_READ - 1, lastSeq);
        const rows = await db.execute<{ seq: number; bytes: Buffer }>(sql`
          SELECT seq, bytes FROM media_chunks WHERE media_id = ${mediaId} AND seq BETWEEN ${seq} AND ${upTo} ORDER BY seq`);
        if (rows.length !== upTo - seq + 1) return controller.error(new Error(`media ${mediaId}: chunks ${seq}..${upTo} missing`));
        for (const row of rows) {
          const offset = row.seq * MEDIA_CHUNK_BYTES;
          const from = Math.max(start - offset, 0);
          const to = Math.min(end - offset + 1, row.bytes.byteLength);
          controller.enqueue(new Uint8Array(row.bytes.buffer, row.bytes.byteOffset + from, to - from));
        }
        seq = upTo + 1;
        if (seq > lastSeq) controller.close();
      },
    },
    // Nothing read ahead of the client: a slow reader holds one batch, not the file.
    { highWaterMark: 0 },
  );
}
