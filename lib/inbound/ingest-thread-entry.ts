// Runs inside the ingest thread (ingest-thread.ts): its own pool, prepared queries, the
// worker loop; signals go back to the main thread, batched per turn of the event loop.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { createDb, withPreparedQueries } from "@/db/client";
import { configureRuntime } from "@/lib/env";
import { registerEmitter } from "@/lib/realtime/publish";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import type { FromIngestThread, IngestThreadData, ToIngestThread } from "./ingest-thread";
import { startIngestWorker } from "./ingest-worker";

const data = workerData as IngestThreadData;
// Below the main thread's priority: under a burst the acknowledgements go first, and the
// backlog waits in PostgreSQL. Linux names a thread by its own id (/proc/thread-self).
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
  if (Number.isInteger(tid)) setPriority(tid, 19);
} catch {
  // not Linux, or not allowed: same priority as the rest
}
const port = parentPort!;
configureRuntime(data.runtime);

// Each runner holds one connection for its batch, and its decisions take one more.
const { db, sql } = createDb(data.runtime.DATABASE_URL!, { max: data.concurrency * 2 + 2 });

let pending: RealtimeSignal[] = [];
registerEmitter((_rooms, signal) => {
  if (pending.length === 0) {
    setImmediate(() => {
      const signals = pending;
      pending = [];
      port.postMessage({ kind: "signals", signals } satisfies FromIngestThread);
    });
  }
  pending.push(signal);
});

const worker = startIngestWorker(withPreparedQueries(db), { concurrency: data.concurrency, batchSize: data.batchSize, pollMs: data.pollMs });

port.on("message", (message: ToIngestThread) => {
  if (message.kind === "wake") worker.wake();
  if (message.kind === "stop") {
    void worker
      .stop()
      .then(() => sql.end({ timeout: 5 }))
      .finally(() => port.close());
  }
});
