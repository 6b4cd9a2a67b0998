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
import { bundleEntry } from "@/lib/runtime/bundle-entry";
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
export type ToIngestThread = { kind: "wake" } | { kind: "stop" };
export type FromIngestThread = { kind: "signals"; signals: RealtimeSignal[] };

const RESTART_AFTER_MS = 1_000;

export function startIngestThread(data: IngestThreadData, log: (message: string) => void): IngestWorker {
  // The thread runs its entry bundled into plain JavaScript (lib/runtime/bundle-entry.ts):
  // through tsx's loader it cost more than twice the memory.
  const entry = bundleEntry(new URL("./ingest-thread-entry.ts", import.meta.url));
  let stopping = false;
  let worker: Worker;
  let exited: Promise<void>;

  const start = () => {
    worker = new Worker(entry, { workerData: data, execArgv: [] });
    worker.on("message", (message: FromIngestThread) => {
      if (message.kind === "signals") announce(...message.signals);
    });
    worker.on("error", (error) => log(`ingest thread failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    exited = new Promise((resolve) =>
      worker.once("exit", (code) => {
        resolve();
        if (stopping) return;
        log(`ingest thread exited (${code}); starting it again in ${RESTART_AFTER_MS / 1000} s`);
        setTimeout(() => !stopping && start(), RESTART_AFTER_MS).unref();
      }),
    );
  };
  start();

  const send = (message: ToIngestThread) => worker.postMessage(message);
  return {
    wake: () => send({ kind: "wake" }),
    stop: async () => {
      stopping = true;
      send({ kind: "stop" });
      await exited;
    },
  };
}
