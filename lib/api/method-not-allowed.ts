// SPEC §10 "Always JSON": a method that an /api/v1 path does not have answers 405 with
// `Allow` naming the path's own methods, and the API's JSON error. Answered in server.ts
// ahead of Next.js, which answers an empty 405 without `Allow` for a method a route file
// does not export, and cannot route TRACE at all. The methods come from the operations
// list, which a test holds equal to the route files (lib/api/openapi.test.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { operations } from "./operations";

export const API_PREFIX = "/api/v1";

type PathMethods = { pattern: RegExp; allow: string[] };

function tableOf(): PathMethods[] {
  const byPath = new Map<string, Set<string>>();
  for (const operation of operations) {
    const methods = byPath.get(operation.path) ?? new Set<string>();
    methods.add(operation.method.toUpperCase());
    byPath.set(operation.path, methods);
  }
  return [...byPath].map(([path, methods]) => {
    // Next.js answers HEAD with the GET handler and OPTIONS itself (204 with Allow).
    if (methods.has("GET")) methods.add("HEAD");
    methods.add("OPTIONS");
    const pattern = new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`);
    return { pattern, allow: [...methods].sort() };
  });
}

let table: PathMethods[] | undefined;

/** The methods of an /api/v1 path ("/api/v1/conversations/7/take"), or null when it is no endpoint. */
export function allowedMethodsOf(pathname: string): string[] | null {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return null;
  const path = pathname.slice(API_PREFIX.length).replace(/(.)\/+$/, "$1");
  table ??= tableOf();
  return table.find((entry) => entry.pattern.test(path))?.allow ?? null;
}

/** Methods Next.js can hand to a route file; any other reaches no route (it answered 500). */
const ROUTABLE = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function answer(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, error: { code: string; message: string }) {
  res.writeHead(status, { ...headers, "content-type": "application/json", "cache-control": "no-store", connection: "close" }).end(JSON.stringify({ ok: false, error }));
  // The body (if any) is not read: the connection closes after the answer.
  req.resume();
}

/**
 * For /api/v1 requests: 405 with the path's `Allow` when the path is an endpoint without
 * this method; the JSON 404 for a path that is none when Next.js could not route the
 * request to the catch-all (an unknown method, or /api/v1 itself). True when it answered.
 */
export function answerApiMethod(req: IncomingMessage, res: ServerResponse, headers: Record<string, string> = {}): boolean {
  const pathname = (req.url ?? "/").split("?")[0]!;
  if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return false;
  const method = req.method ?? "";
  const allow = allowedMethodsOf(pathname);
  if (allow === null) {
    if (ROUTABLE.has(method) && pathname.slice(API_PREFIX.length).replace(/\/+/g, "") !== "") return false;
    answer(req, res, 404, headers, { code: "not_found", message: "There is no such API endpoint. See /api/docs." });
    return true;
  }
  if (allow.includes(method)) return false;
  answer(req, res, 405, { ...headers, allow: allow.join(", ") }, { code: "method_not_allowed", message: `${method} is not a method of this endpoint; it has ${allow.join(", ")}.` });
  return true;
}
