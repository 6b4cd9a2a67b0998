// The body of a JSON route. Only `application/json` (or `…+json`) is read: a form or
// `text/plain` body, which a page on another site can send without asking, is refused
// before anything happens. Bodies are small: anything above the limit is refused too.
import { UserError } from "@/lib/errors";

export const MAX_JSON_BYTES = 64 * 1024;

export function isJsonContentType(header: string | null): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new UserError("invalid_input", "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new UserError("invalid_input", `The body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new UserError("invalid_input", `The body is larger than ${maxBytes} bytes.`);
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
