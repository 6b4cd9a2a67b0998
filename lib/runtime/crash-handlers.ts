// A process that hit an uncaught exception or an unhandled rejection is in an unknown
// state (issue 11 finding 5: a database client left half-broken kept half the requests
// failing for minutes). It is never left half-alive: the error is logged, a clean stop
// is attempted for at most `graceMs` (5 s unless given; server.ts gives it 30 s, the
// figure docs/operations.md states), and the process exits with status 1 for its
// supervisor (systemd, Kubernetes, docker --restart) to start a fresh one.
// A client that went away mid-request (Node's "aborted", ECONNRESET, on a request stream)
// leaves nothing half-done: it is logged and ignored, never a reason to exit (issue 25 item 11).
import { isClientAbort } from "@/lib/http/client-abort";

export function installCrashHandlers(options: { log: (line: string) => void; stop?: () => Promise<void>; graceMs?: number }) {
  let crashing = false;
  const crash = (kind: string, error: unknown) => {
    if (isClientAbort(error)) {
      options.log(`a client went away mid-request (${kind}: ${(error as Error).message}); ignored`);
      return;
    }
    console.error(`[fila] ${kind}, exiting:`, error);
    if (crashing) return;
    crashing = true;
    process.exitCode = 1;
    const timer = setTimeout(() => process.exit(1), options.graceMs ?? 5_000);
    timer.unref();
    void Promise.resolve(options.stop?.())
      .catch(() => {})
      .finally(() => process.exit(1));
  };
  process.on("uncaughtException", (error) => crash("uncaught exception", error));
  process.on("unhandledRejection", (reason) => crash("unhandled rejection", reason));
}
