// The what-if replay in a worker thread (docs/what-if.md#the-replay-thread). A replay of
// a month is seconds of CPU; on the main thread it held the event loop, and with it every
// live decision, webhook acknowledgement and page of the instance. In a thread of its own
// it costs the main thread only the copy of the history sent over. One replay at a time
// per instance (the machine's cores are shared with the live engine): a second request
// while one runs is refused at once, 429 `busy`, rather than queued behind it.
import { Worker } from "node:worker_threads";
import { UserError } from "@/lib/errors";
import type { WhatIfAnswer, WhatIfOptions } from "./answer";
import type { History, ReplaySettings } from "./history";

export type WhatIfThreadData = { history: History; proposed: Partial<ReplaySettings>; options: WhatIfOptions };
export type FromWhatIfThread = { ok: true; answer: WhatIfAnswer } | { ok: false; message: string };

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

export type WhatIfRunner = {
  /** Replays in a thread; UserError `busy` while another replay of this instance runs. */
  run: <T>(work: (answer: (data: WhatIfThreadData) => Promise<WhatIfAnswer>) => Promise<T>) => Promise<T>;
  /** A replay is running. */
  busy: () => boolean;
};

/** A runner whose threads start from `entry` (server.ts resolves it where import.meta.url is its own). */
export function createWhatIfRunner(entry: URL | Promise<URL> = threadEntry()): WhatIfRunner {
  let running = false;
  const answerInThread = async (data: WhatIfThreadData) => {
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
  };
  return {
    busy: () => running,
    run: async (work) => {
      if (running) throw new UserError("busy", "Another what-if is running on this server; try again in a few seconds.");
      running = true;
      try {
        return await work(answerInThread);
      } finally {
        running = false;
      }
    },
  };
}

// On globalThis: server.ts and the Next.js bundle are separate module graphs in one
// process, and must share one runner (and its one-at-a-time rule).
const holder = globalThis as typeof globalThis & { __filaWhatIfRunner?: WhatIfRunner };

/** server.ts registers the instance's runner at start, with the thread entry it resolved. */
export function registerWhatIfRunner(runner: WhatIfRunner) {
  holder.__filaWhatIfRunner = runner;
}

/** The instance's runner (made here when nothing registered one: tests, scripts). */
export function whatIfRunner(): WhatIfRunner {
  return (holder.__filaWhatIfRunner ??= createWhatIfRunner());
}
