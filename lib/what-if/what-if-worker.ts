// The what-if thread's starter (what-if-thread.ts says why a thread): imported by
// server.ts, tests and scripts only — never by code the Next.js bundle reaches, which
// would try to bundle the Worker's entry and everything esbuild brings.
import { Worker } from "node:worker_threads";
import type { WhatIfAnswer } from "./answer";
import { groupNotFound, oneAtATime, type FromWhatIfThread, type WhatIfRunner, type WhatIfThreadData, type WhatIfTimings } from "./what-if-thread";

/**
 * The thread's entry as plain JavaScript: compiled beside the server by `npm run build`
 * (scripts/build-server.mjs), or bundled now when the server runs from its TypeScript
 * (`npm run dev`, tests; lib/runtime/bundle-entry.ts), as the ingest thread's.
 */
async function threadEntry(): Promise<URL> {
  if (!import.meta.url.endsWith(".ts")) return new URL("./what-if-thread-entry.js", import.meta.url);
  const { bundleEntry } = await import("@/lib/runtime/bundle-entry");
  return bundleEntry(new URL("./what-if-thread-entry.ts", import.meta.url));
}

/** A runner whose threads start from `entry` (server.ts resolves it where import.meta.url is its own). */
export function createWhatIfRunner(entry: URL | Promise<URL> = threadEntry()): WhatIfRunner {
  return oneAtATime(async (data: WhatIfThreadData) => (await answerInThread(await entry, data)).answer);
}

/**
 * One replay in a thread of its own, with where its time went (the bench reads it). A
 * thread per replay: it ends with its answer, and its heap (the history, the replay's
 * state, its connection) goes with it.
 */
export async function answerInThread(entry: URL | Promise<URL>, data: WhatIfThreadData): Promise<{ answer: WhatIfAnswer; timings: WhatIfTimings }> {
  const worker = new Worker(await entry, { workerData: data, execArgv: [] });
  try {
    return await new Promise((resolve, reject) => {
      worker.once("message", (message: FromWhatIfThread) => {
        if (message.ok) resolve({ answer: message.answer, timings: message.timings });
        else reject(message.notFound === undefined ? new Error(`what-if thread: ${message.message}`) : groupNotFound(message.notFound));
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`what-if thread exited (${code}) without an answer`)));
    });
  } finally {
    void worker.terminate();
  }
}

/** The thread's entry, resolved as createWhatIfRunner does by default (scripts). */
export const defaultThreadEntry = threadEntry;
