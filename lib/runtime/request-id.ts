// The request id: the header a load balancer sets (or server.ts gives each request),
// on every log line of the request and on the outgoing webhooks it causes
// (docs/operations.md#logs). No dependencies: the Next.js routes read it too.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** The caller's request id when it looks like one (a load balancer's), else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}
