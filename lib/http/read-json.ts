// The body of a JSON route. Only `application/json` (or `…+json`) is read: a form or
// `text/plain` body, which a page on another site can send without asking, is refused
// before anything happens. Bodies are small: a body above the limit is refused with 413
// (too_large) as soon as the limit is passed — by its Content-Length before anything is
// read, and a chunked one (no Content-Length) by counting bytes as they arrive; the rest
// is never read, so a hostile body costs at most the limit in memory (issue 25).
// A request's bytes are read once: the idempotency hash (app/api/api-route.ts) and the
// handler share them.
import { UserError } from "@/lib/errors";

export const MAX_JSON_BYTES = 64 * 1024;

export function isJsonContentType(header: string | null): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

const tooLarge = (maxBytes: number) => new UserError("too_large", `The body is larger than ${maxBytes} bytes.`, { maxBytes });

/** Reads a body stream up to `maxBytes`; past that, stops reading (the rest is cancelled) and refuses. */
async function readBounded(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: the answer goes out now, whatever the stream does with the rest.
      reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type ReadBody = { maxBytes: number; bytes: Promise<Buffer> };
const bodies = new WeakMap<Request, ReadBody>();

/**
 * The request's bytes, at most `maxBytes` (413 beyond). Read once per request: a second
 * call gets the same bytes (checked against its own limit).
 */
export async function readBodyBytes(request: Request, maxBytes = MAX_JSON_BYTES): Promise<Buffer> {
  let read = bodies.get(request);
  if (!read) {
    read = { maxBytes, bytes: readBounded(request, maxBytes) };
    bodies.set(request, read);
  }
  const bytes = await read.bytes;
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new UserError("invalid_input", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = (await readBodyBytes(request, maxBytes)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserError("invalid_input", "The body is not valid JSON.");
  }
}

/** A JSON body that must be an object (the fields of a command). */
export async function readJsonObject(request: Request, maxBytes = MAX_JSON_BYTES): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, maxBytes);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new UserError("invalid_input", "The body must be a JSON object.");
  return body as Record<string, unknown>;
}
