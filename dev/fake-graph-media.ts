// The media side of the fake Graph API, as Meta documents it: GET /{version}/{media-id}
// answers the file's metadata with a short-lived URL, the URL answers the bytes only with
// a token, an unknown or expired id gets Meta's GraphMethodException (code 100, subcode
// 33), and POST /{version}/{phone-number-id}/media takes a multipart upload and answers
// its id. Files are held as a recipe (size and seed) when large, so that the fake can
// serve many big files without holding them.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type FakeMediaFile = { id: string; mimeType: string; size: number; sha256: string; filename?: string };

/** A file the fake received by upload, with the parts of the multipart form. */
export type UploadedMedia = FakeMediaFile & { phoneNumberId: string; authorization: string; fields: Record<string, string>; contentType: string; bytes: Buffer };

export type MediaRequest = { kind: "metadata" | "download" | "upload"; mediaId: string; authorization: string; status: number };

type Held = FakeMediaFile & { bytes?: Buffer; seed?: number; expired?: boolean };

const PIECE = 64 * 1024;

/** Deterministic bytes of a generated file: piece i of seed s, without holding the file. */
function* generated(size: number, seed: number): Generator<Buffer> {
  for (let offset = 0, i = 0; offset < size; offset += PIECE, i++) {
    const piece = Buffer.alloc(Math.min(PIECE, size - offset), (seed + i) % 251);
    if (piece.byteLength >= 4) piece.writeUInt32BE((seed * 31 + i) >>> 0, 0);
    yield piece;
  }
}

const newMediaId = () => String(10 ** 15 + Math.floor(Math.random() * 9 * 10 ** 15));

export function graphMethodError(id: string) {
  return {
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
    fbtrace_id: `A${randomBytes(5).toString("hex")}`,
  };
}

export function createFakeMedia(baseUrl: () => string, metaError: (failure: { status?: number; code?: number; subcode?: number }) => { status: number; error: Record<string, unknown> }) {
  const files = new Map<string, Held>();
  let uploads: UploadedMedia[] = [];
  let requests: MediaRequest[] = [];
  let downloadFailures: { count: number; status?: number; code?: number } = { count: 0 };

  const reply = (res: ServerResponse, status: number, json: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(json));
  };

  const api = {
    /** Holds a file as Meta would after a contact sent it: its bytes, or `size` generated ones. */
    add(file: { bytes?: Buffer; size?: number; mimeType: string; filename?: string; id?: string }): FakeMediaFile {
      const id = file.id ?? newMediaId();
      let held: Held;
      if (file.bytes) {
        held = { id, mimeType: file.mimeType, size: file.bytes.byteLength, sha256: createHash("sha256").update(file.bytes).digest("hex"), bytes: file.bytes };
      } else {
        const size = file.size ?? 1024;
        const seed = Math.floor(Math.random() * 1e6);
        const hash = createHash("sha256");
        for (const piece of generated(size, seed)) hash.update(piece);
        held = { id, mimeType: file.mimeType, size, sha256: hash.digest("hex"), seed };
      }
      if (file.filename) held.filename = file.filename;
      files.set(id, held);
      return { id, mimeType: held.mimeType, size: held.size, sha256: held.sha256, filename: held.filename };
    },
    /** Meta keeps a contact's media for a limited time: after this, its id is unknown. */
    expire(id: string) {
      const held = files.get(id);
      if (held) held.expired = true;
    },
    /** The next `count` downloads of a file's URL fail (HTTP 500 by default, or Meta's error `code`). */
    failDownloads(count: number, failure: { status?: number; code?: number } = {}) {
      downloadFailures = { count, ...failure };
    },
    has: (id: string) => files.has(id) && !files.get(id)!.expired,
    uploads: () => [...uploads],
    requests: () => [...requests],
    reset() {
      uploads = [];
      requests = [];
      downloadFailures = { count: 0 };
    },

    /** The media routes; false when the request is not one of them. */
    async handle(req: IncomingMessage, res: ServerResponse, path: string, version: string | null, body: () => Promise<Buffer>): Promise<boolean> {
      const authorization = req.headers.authorization ?? "";
      const authorized = /^Bearer \S+/.test(authorization);
      const url = new URL(req.url ?? "/", "http://fake");

      // The short-lived URL of a file's bytes (Meta: lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…).
      if (req.method === "GET" && path === "/whatsapp_business/attachments/") {
        const id = url.searchParams.get("mid") ?? "";
        const held = files.get(id);
        const record = (status: number) => requests.push({ kind: "download", mediaId: id, authorization, status });
        if (!authorized) {
          const { status, error } = metaError({ code: 190, subcode: 467 });
          record(status);
          reply(res, status, { error });
          return true;
        }
        if (!held || held.expired || Number(url.searchParams.get("ext")) < Date.now()) {
          record(404);
          res.writeHead(404, { "content-type": "text/plain" });
          res.end("URL signature expired");
          return true;
        }
        if (downloadFailures.count > 0) {
          downloadFailures.count--;
          if (downloadFailures.code !== undefined) {
            const { status, error } = metaError({ code: downloadFailures.code, status: downloadFailures.status });
            record(status);
            reply(res, status, { error });
          } else {
            record(downloadFailures.status ?? 500);
            res.writeHead(downloadFailures.status ?? 500, { "content-type": "text/plain" });
            res.end("Internal Server Error");
          }
          return true;
        }
        record(200);
        res.writeHead(200, { "content-type": held.mimeType, "content-length": String(held.size) });
        const pieces = held.bytes ? [held.bytes] : generated(held.size, held.seed!);
        for (const piece of pieces) {
          // Backpressure: the fake streams as fast as the app reads, no faster.
          if (!res.write(piece)) await new Promise((resolve) => res.once("drain", resolve));
        }
        res.end();
        return true;
      }

      if (!version) return false;
      const segments = path.split("/").filter(Boolean);
      // GET /{version}/{media-id}: the metadata with a URL valid five minutes.
      if (req.method === "GET" && segments.length === 2 && /^\d+$/.test(segments[1]!)) {
        const id = segments[1]!;
        const held = files.get(id);
        if (!authorized) {
          const { status, error } = metaError({ code: 190, subcode: 467 });
          requests.push({ kind: "metadata", mediaId: id, authorization, status });
          reply(res, status, { error });
          return true;
        }
        if (!held || held.expired) {
          requests.push({ kind: "metadata", mediaId: id, authorization, status: 400 });
          reply(res, 400, { error: graphMethodError(id) });
          return true;
        }
        requests.push({ kind: "metadata", mediaId: id, authorization, status: 200 });
        const expires = Date.now() + 5 * 60_000;
        reply(res, 200, {
          messaging_product: "whatsapp",
          url: `${baseUrl()}/whatsapp_business/attachments/?mid=${id}&ext=${expires}&hash=${randomBytes(8).toString("hex")}`,
          mime_type: held.mimeType,
          sha256: held.sha256,
          file_size: held.size,
          id,
        });
        return true;
      }

      // POST /{version}/{phone-number-id}/media: multipart/form-data with messaging_product, type and file.
      if (req.method === "POST" && segments.length === 3 && segments[2] === "media") {
        const phoneNumberId = decodeURIComponent(segments[1]!);
        const contentType = req.headers["content-type"] ?? "";
        if (!authorized) {
          const { status, error } = metaError({ code: 190, subcode: 467 });
          requests.push({ kind: "upload", mediaId: "", authorization, status });
          reply(res, status, { error });
          return true;
        }
        const form = parseMultipart(await body(), contentType);
        const file = form?.files.file;
        if (!form || form.fields.messaging_product !== "whatsapp" || !form.fields.type || !file) {
          const { error } = metaError({ code: 100 });
          requests.push({ kind: "upload", mediaId: "", authorization, status: 400 });
          reply(res, 400, { error: { ...error, error_data: { messaging_product: "whatsapp", details: "Param file and messaging_product and type are required" } } });
          return true;
        }
        const added = api.add({ bytes: file.bytes, mimeType: form.fields.type, filename: file.filename });
        uploads.push({ ...added, phoneNumberId, authorization, fields: form.fields, contentType, bytes: file.bytes });
        requests.push({ kind: "upload", mediaId: added.id, authorization, status: 200 });
        reply(res, 200, { id: added.id });
        return true;
      }
      return false;
    },
  };
  return api;
}

export type FakeMedia = ReturnType<typeof createFakeMedia>;

/** A small multipart/form-data reader (RFC 7578), enough for the fake's uploads. */
export function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, string>; files: Record<string, { filename?: string; type?: string; bytes: Buffer }> } | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.startsWith("multipart/form-data") || !boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, { filename?: string; type?: string; bytes: Buffer }> = {};
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return null;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd === -1) return null;
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const bytes = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    if (name !== undefined) {
      if (filename !== undefined) files[name] = { filename, type, bytes: Buffer.from(bytes) };
      else fields[name] = bytes.toString("utf8");
    }
    position = next;
  }
  return { fields, files };
}
