// The process's log: JSON lines on stdout (pino), one per request (with its id), one per
// job run, and the server's own events; readable by any log stack (docs/operations.md#logs).
import { randomUUID } from "node:crypto";
import pino from "pino";

export const logger = pino({ base: { app: "fila" } });

export const REQUEST_ID_HEADER = "x-request-id";

/** The caller's request id when it looks like one (a load balancer's), else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}
