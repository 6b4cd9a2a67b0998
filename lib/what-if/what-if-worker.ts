// The what-if thread's starter (what-if-thread.ts says why a thread): imported by
// server.ts, tests and scripts only — never by code the Next.js bundle reaches, which
// would try to bundle the Worker's entry and everything esbuild brings.
import { Worker } from "node:worker_threads";
import type { WhatIfAnswer } from "./answer";
import { oneAtATime, type FromWhatIfThread, type WhatIfRunner, type WhatIfThreadData } from "./what-if-thread";

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
  return oneAtATime(async (data: WhatIfThreadData) => {
    // A thread per replay: it ends with its answer, and its heap (the history, the
    // replay's state) goes with it.
    const worker = new Worker(await entry, { workerData: data, execArgv: [] });
    try {
      return await new Promise<WhatIfAnswer>((resolve, reject) => {
        worker.once("message", (message: FromWhatIfThread) => (message.ok ? resolve(message.answer) : reject(new Error(`what-if thread: ${message.message}`))));
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`what-if thread exited (${code}) without an answer`)));
      });
    } finally {
      void worker.terminate();
    }
  });
}
