// A client that goes away mid-request (a closed tab, a dropped phone connection) is never
// a reason to stop the server (issue 25 item 11). Node reports it as an "aborted" error
// (code ECONNRESET) on the request stream. Next's proxy.ts path (getCloneableBody, for a
// POST such as a server action) replaces the request's stream internals with a copy's —
// the request's own 'error' listeners included — so in development that error had no
// listener, escaped as an uncaught exception, and the crash handler stopped the process.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Node's error for a request whose client went away before its body ended. */
export function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return error.message === "aborted" && code === "ECONNRESET";
}

const quiet = () => {};

/**
 * Gives the request and response an 'error' listener before Next sees them, and again
 * when the connection closes — after any replacement of the request's internals, and
 * before Node emits the abort (it does so on the next tick).
 */
export function keepClientAbortsQuiet(req: IncomingMessage, res: ServerResponse): void {
  req.on("error", quiet);
  res.on("error", quiet);
  res.once("close", () => {
    if (!req.listeners("error").includes(quiet)) req.on("error", quiet);
  });
}
