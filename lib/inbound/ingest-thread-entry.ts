// Runs inside the ingest thread (ingest-thread.ts): its own pool, prepared queries, the
// worker loop; signals go back to the main thread, batched per turn of the event loop.
import { parentPort, workerData } from "node:worker_threads";
import { createDb, withPreparedQueries } from "@/db/client";
import { configureRuntime } from "@/lib/env";
import { registerEmitter } from "@/lib/realtime/publish";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import type { FromIngestThread, IngestThreadData, ToIngestThread } from "./ingest-thread";
import { startIngestWorker } from "./ingest-worker";

const data = workerData as IngestThreadData;
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
