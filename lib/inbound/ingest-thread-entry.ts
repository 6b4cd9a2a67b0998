// Runs inside the ingest thread (ingest-thread.ts): its own pool, prepared queries, the
// worker loop; signals go back to the main thread, batched per turn of the event loop.
import { parentPort, workerData } from "node:worker_threads";
import { createDb, withPreparedQueries } from "@/db/client";
import { configureRuntime } from "@/lib/env";
import { registerEmitter } from "@/lib/realtime/publish";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import type { FromIngestThread, IngestThreadData, ToIngestThread } from "./ingest-thread";
import { retryAndDistribute } from "./ingest-and-distribute";
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

const prepared = withPreparedQueries(db);
const worker = startIngestWorker(prepared, { concurrency: data.concurrency, batchSize: data.batchSize, pollMs: data.pollMs });

// The sweep's share of ingest (bodies due again, items kept aside, welcomes and media a
// crash interrupted) runs here too: on the main thread it took a batch of the backlog
// every few seconds, and the acknowledgements waited behind it (stalls of up to a second
// at 800 bodies a second, measured).
let sweeping = false;
const sweep = setInterval(() => {
  if (sweeping) return;
  sweeping = true;
  retryAndDistribute(prepared)
    .catch((error: unknown) => console.error("[fila] ingest sweep failed:", error))
    .finally(() => (sweeping = false));
}, data.sweepMs);

port.on("message", (message: ToIngestThread) => {
  if (message.kind === "wake") worker.wake();
  if (message.kind === "stop") {
    clearInterval(sweep);
    void worker
      .stop()
      .then(() => sql.end({ timeout: 5 }))
      .finally(() => port.close());
  }
});
