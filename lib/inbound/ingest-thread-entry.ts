// Runs inside the ingest thread (ingest-thread.ts): its own pool, prepared queries, the
// worker loop; signals go back to the main thread, batched per turn of the event loop.
import { parentPort, workerData } from "node:worker_threads";
import { createDb, poolWaiting, withPreparedQueries } from "@/db/client";
import { configureRuntime } from "@/lib/env";
import { registerEmitter } from "@/lib/realtime/publish";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { logger } from "@/lib/runtime/logger";
import { reportJob, startJobs } from "@/lib/runtime/jobs";
import { registerObserver, type DecisionObservation, type JobObservation } from "@/lib/runtime/observe";
import { sweepMediaDownloads } from "@/lib/media/download-media";
import { graphConfigFromEnv, sweepWelcomeOutbox } from "@/lib/whatsapp";
import { announceWelcome } from "@/lib/whatsapp/ingest";
import { tellPlaceInLine } from "@/lib/place-in-line/tell";
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

// Decisions timed here reach the main thread's metrics once a second.
let decisions: DecisionObservation[] = [];
let jobRuns: JobObservation[] = [];
let reportedWaiting = 0;
registerObserver({ decision: (observation) => decisions.push(observation), job: (observation) => jobRuns.push(observation) });
const report = setInterval(() => {
  const waiting = poolWaiting(sql);
  if (decisions.length === 0 && jobRuns.length === 0 && waiting === reportedWaiting) return;
  port.postMessage({ kind: "observations", decisions, jobs: jobRuns, poolWaiting: waiting } satisfies FromIngestThread);
  decisions = [];
  jobRuns = [];
  reportedWaiting = waiting;
}, 1_000);

// The request that stored each body (server.ts), named in the log line of its batch. Bodies
// another instance stored have none here; past a bound, the oldest are forgotten.
const REQUEST_IDS_KEPT = 50_000;
const requestIds = new Map<number, string>();
const log = logger.child({ thread: "ingest" });
const onBatch = (eventIds: number[], seconds: number) => {
  const requests = eventIds.flatMap((id) => {
    const requestId = requestIds.get(id);
    requestIds.delete(id);
    return requestId ? [requestId] : [];
  });
  log.info({ job: "ingest batch", bodies: eventIds.length, eventIds, requestIds: requests, ms: Math.round(seconds * 1000) }, "ingest batch processed");
};

const prepared = withPreparedQueries(db);
const worker = startIngestWorker(prepared, { concurrency: data.concurrency, batchSize: data.batchSize, pollMs: data.pollMs, onBatch });

// The sweep's share of ingest (bodies due again, items kept aside; welcomes and media a
// crash interrupted or that are due again) runs here, as three jobs of their own
// (lib/runtime/jobs.ts): on the main thread it took a batch of the backlog every few
// seconds, and the acknowledgements waited behind it (stalls of up to a second at 800
// bodies a second, measured).
const graph = graphConfigFromEnv();
const jobs = startJobs(
  [
    { name: "ingest sweep", everyMs: data.sweepMs, run: () => retryAndDistribute(prepared, { outboxAndMedia: false }) },
    { name: "welcome outbox", everyMs: data.sweepMs, run: () => sweepWelcomeOutbox(prepared, graph) },
    { name: "media downloads", everyMs: data.sweepMs, run: () => sweepMediaDownloads(prepared, graph) },
    // Waiting customers told their place in line again when it moved or the interval passed (docs/behaviour.md#place-in-line).
    { name: "place in line", everyMs: data.sweepMs, run: () => tellPlaceInLine(prepared, graph, { onDelivered: announceWelcome }) },
  ],
  reportJob({ job: (job, outcome, seconds) => jobRuns.push({ job, outcome, seconds }) }),
);

port.on("message", (message: ToIngestThread) => {
  if (message.kind === "wake") worker.wake();
  if (message.kind === "requests") {
    for (const [eventId, requestId] of message.pairs) requestIds.set(eventId, requestId);
    for (const eventId of requestIds.keys()) {
      if (requestIds.size <= REQUEST_IDS_KEPT) break;
      requestIds.delete(eventId);
    }
  }
  if (message.kind === "stop") {
    clearInterval(report);
    void Promise.all([worker.stop(), jobs.stop()])
      .then(() => sql.end({ timeout: 5 }))
      .finally(() => port.close());
  }
});
