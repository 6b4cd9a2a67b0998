// A stored file sent to Meta as Meta documents it: POST /{version}/{phone-number-id}/media,
// multipart/form-data with `messaging_product=whatsapp`, `type` (the mime type) and
// `file`, answering the media id a message then refers to. The body streams from
// media_chunks with its length known up front, so no file is held whole here either.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accessTokenOf, backoffDelay, errorResponseSchema, GraphApiError, sleep, type SendingChannel } from "@/lib/whatsapp/graph-api";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { classifyMetaError } from "@/lib/whatsapp/meta-errors";
import { readChunks } from "./media-chunks";

export type StoredFile = { id: number; mimeType: string; size: number; filename: string };

const uploadResponseSchema = z.object({ id: z.string().min(1) });

export async function uploadMedia(db: Db, graph: GraphConfig, channel: SendingChannel, file: StoredFile): Promise<string> {
  const token = accessTokenOf(channel, graph);
  const url = `${graph.baseUrl.replace(/\/+$/, "")}/${graph.version}/${encodeURIComponent(channel.phoneNumberId)}/media`;
  for (let attempt = 1; ; attempt++) {
    let failure: GraphApiError;
    try {
      const { body, contentType, length } = multipartBody(db, file);
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": contentType, "content-length": String(length) },
        body,
        duplex: "half",
        signal: AbortSignal.timeout(graph.timeoutMs + Math.ceil(file.size / 100_000)),
      } as RequestInit & { duplex: "half" });
      const json: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const uploaded = uploadResponseSchema.safeParse(json);
        if (uploaded.success) return uploaded.data.id;
        throw new GraphApiError({ message: "The Graph API accepted the upload but returned no media id", response: json }, response.status, attempt);
      }
      const meta = errorResponseSchema.safeParse(json);
      failure = new GraphApiError(meta.success ? meta.data.error : { message: `HTTP ${response.status} from the Graph API` }, response.status, attempt);
    } catch (error) {
      if (error instanceof GraphApiError) throw error;
      failure = new GraphApiError({ message: `Graph API unreachable: ${(error as Error).message}`, type: "network_error" }, null, attempt);
    }
    const kind = classifyMetaError(failure.error, failure.httpStatus);
    if ((kind !== "rate_limit" && kind !== "transient") || attempt >= graph.retry.attempts) throw failure;
    await sleep(backoffDelay(graph.retry, attempt));
  }
}

/** The form as a stream: two fields, then the file's part read from its chunks, then the closing boundary. */
function multipartBody(db: Db, file: StoredFile): { body: ReadableStream<Uint8Array>; contentType: string; length: number } {
  const boundary = `----fila${randomBytes(12).toString("hex")}`;
  const quoted = file.filename.replace(/["\r\n\\]/g, "_");
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(
    field("messaging_product", "whatsapp") +
      field("type", file.mimeType) +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunks = file.size > 0 ? readChunks(db, file.id, 0, file.size - 1).getReader() : null;
  let stage: "head" | "file" | "tail" | "done" = "head";
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (stage === "head") {
          controller.enqueue(head);
          stage = chunks ? "file" : "tail";
          return;
        }
        if (stage === "file") {
          const next = await chunks!.read();
          if (!next.done) return controller.enqueue(next.value);
          stage = "tail";
        }
        if (stage === "tail") {
          controller.enqueue(tail);
          stage = "done";
          return;
        }
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}`, length: head.byteLength + file.size + tail.byteLength };
}
