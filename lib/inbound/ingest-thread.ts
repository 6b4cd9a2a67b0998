// The ingest worker in a thread of its own (issue 18). The webhook's acknowledgement and
// the app's pages run on the main thread; processing stored bodies — parsing, storing,
// deciding, greeting — is most of the CPU under a burst, and on the same event loop it
// delayed the acknowledgements behind it. In its own thread it has its own event loop,
// heap and database pool, and the main thread only answers. The thread announces what
// changed through the main thread's Socket.IO server (signals posted back), and the
// route wakes it with a message. Bodies wait in PostgreSQL: a thread that dies loses
// nothing, and is started again.
import { Worker } from "node:worker_threads";
import type { Env } from "@/lib/env";
import { announce } from "@/lib/realtime/announce";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { observeDecision, observeJob, type DecisionObservation, type JobObservation } from "@/lib/runtime/observe";
import type { IngestWorker } from "./ingest-worker";

export type IngestThreadData = {
  /** What server.ts learned at start (the database URL, the secret that seals channel tokens). */
  runtime: Pick<Partial<Env>, "DATABASE_URL" | "NEXTAUTH_SECRET" | "NEXTAUTH_URL">;
  concurrency: number;
  batchSize: number;
  pollMs: number;
  /** How often the thread sweeps what is due again (SWEEP_SECONDS). */
  sweepMs: number;
};
export type ToIngestThread =
  | { kind: "wake" }
  | { kind: "stop" }
  /** The request ids of bodies just stored (event id, x-request-id), for the thread's batch log lines. */
  | { kind: "requests"; pairs: [number, string][] };
export type FromIngestThread =
  | { kind: "signals"; signals: RealtimeSignal[] }
  /** What the thread measured since its last report (lib/runtime/metrics.ts). */
  | { kind: "observations"; decisions: DecisionObservation[]; jobs: JobObservation[]; poolWaiting: number };

const RESTART_AFTER_MS = 1_000;

/**
 * The thread's entry as plain JavaScript: compiled beside the server by `npm run build`
 * (scripts/build-server.mjs), or bundled now when the server runs from its TypeScript
 * (`npm run dev`, tests; lib/runtime/bundle-entry.ts): through tsx's loader the thread
 * cost more than twice the memory.
 */
async function threadEntry(): Promise<URL> {
  if (!import.meta.url.endsWith(".ts")) return new URL("./ingest-thread-entry.js", import.meta.url);
  const { bundleEntry } = await import("@/lib/runtime/bundle-entry");
  return bundleEntry(new URL("./ingest-thread-entry.ts", import.meta.url));
}

export type IngestThread = Omit<IngestWorker, "stop"> & {
  /** The thread is up (not between a crash and its restart, not stopped). */
  running: () => boolean;
  /** Callers in the thread's pool waiting for a connection, as last reported. */
  poolWaiting: () => number;
  /** Names the request that stored a body, for the log line of the batch that processes it. */
  noteRequest: (eventId: number, requestId: string) => void;
  /**
   * The batches in flight finish and the thread ends; past `graceMs` the thread is ended
   * where it is: its open transaction rolls back, and the bodies it held wait in the
   * queue for the next claim (nothing of them stored, nothing lost).
   */
  stop: (graceMs?: number) => Promise<void>;
};

export async function startIngestThread(data: IngestThreadData, log: (message: string) => void): Promise<IngestThread> {
  const entry = await threadEntry();
  let stopping = false;
  let running = false;
  let poolWaiting = 0;
  let worker: Worker;
  let exited: Promise<void>;

  const start = () => {
    worker = new Worker(entry, { workerData: data, execArgv: [] });
    worker.once("online", () => (running = true));
    worker.on("message", (message: FromIngestThread) => {
      if (message.kind === "signals") announce(...message.signals);
      if (message.kind === "observations") {
        message.decisions.forEach(observeDecision);
        message.jobs.forEach(observeJob);
        poolWaiting = message.poolWaiting;
      }
    });
    worker.on("error", (error) => log(`ingest thread failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    exited = new Promise((resolve) =>
      worker.once("exit", (code) => {
        running = false;
        resolve();
        if (stopping) return;
        log(`ingest thread exited (${code}); starting it again in ${RESTART_AFTER_MS / 1000} s`);
        setTimeout(() => !stopping && start(), RESTART_AFTER_MS).unref();
      }),
    );
  };
  start();

  const send = (message: ToIngestThread) => worker.postMessage(message);
  // Request ids go over in one message per turn of the event loop, not one per body.
  let requests: [number, string][] = [];
  const noteRequest = (eventId: number, requestId: string) => {
    if (requests.length === 0) {
      setImmediate(() => {
        send({ kind: "requests", pairs: requests });
        requests = [];
      });
    }
    requests.push([eventId, requestId]);
  };
  return {
    wake: () => send({ kind: "wake" }),
    running: () => running,
    poolWaiting: () => poolWaiting,
    noteRequest,
    stop: async (graceMs = 30_000) => {
      stopping = true;
      send({ kind: "stop" });
      const cut = setTimeout(() => {
        log(`ingest thread still busy after ${graceMs} ms: ending it (its batch goes back to the queue)`);
        void worker.terminate();
      }, graceMs);
      await exited;
      clearTimeout(cut);
    },
  };
}
