// Methods the app answers: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS. Any other
// (TRACE, PROPFIND, made-up ones) is answered 405 here, in server.ts ahead of Next.js,
// with `Allow` and the JSON error of every route — never a 500 (issue 25 item 7).
import type { IncomingMessage, ServerResponse } from "node:http";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const allowed = new Set<string>(ALLOWED_METHODS);

/** Answers 405 when the method is not one the app knows; true when it did. */
export function answerUnknownMethod(req: IncomingMessage, res: ServerResponse, headers: Record<string, string> = {}): boolean {
  if (allowed.has(req.method ?? "")) return false;
  const body = { ok: false, error: { code: "method_not_allowed", message: `The method ${req.method ?? "?"} is not supported.` } };
  res
    .writeHead(405, { ...headers, "content-type": "application/json", "cache-control": "no-store", allow: ALLOWED_METHODS.join(", "), connection: "close" })
    .end(JSON.stringify(body));
  // The body (if any) is not read: the connection closes after the answer.
  req.resume();
  return true;
}
