// The what-if replay in a worker thread (docs/what-if.md#the-replay-thread). A replay of
// a month is seconds of CPU; on the main thread it held the event loop, and with it every
// live decision, webhook acknowledgement and page of the instance. In a thread of its own
// it costs the main thread nothing: the thread reads the history itself, on a connection
// of its own (the database's address is all that crosses), instead of receiving a copy
// of 100,000 conversations made on the main thread. The thread itself is
// started by what-if-worker.ts, which only server.ts (and tests, scripts) import: the
// Next.js bundle must not trace a Worker's entry. One replay at a time
// per instance (the machine's cores are shared with the live engine): a second request
// while one runs is refused at once, 429 `busy`, rather than queued behind it.
import { createDb } from "@/db/client";
import { UserError } from "@/lib/errors";
import { answerWhatIf, type WhatIfAnswer, type WhatIfOptions } from "./answer";
import type { History, ReplaySettings } from "./history";
import { loadHistory } from "./load-history";

/** Where the replay's history comes from: read from the database by whoever replays, or given (tests, a caller without a URL). */
export type HistorySource = { history: History } | { databaseUrl: string; groupId: number; fromMs: number; toMs: number };
export type WhatIfThreadData = { source: HistorySource; proposed: Partial<ReplaySettings>; options: WhatIfOptions };
/** How long the history's load and the replays (with their figures) took, where they ran. */
export type WhatIfTimings = { loadMs: number; replayMs: number };
export type FromWhatIfThread = { ok: true; answer: WhatIfAnswer; timings: WhatIfTimings } | { ok: false; notFound?: number; message: string };

export const groupNotFound = (groupId: number) => new UserError("not_found", "This group does not exist.", { groupId });

/** What a replay thread does (and the in-thread fallback): the history read unless given, then the answer. */
export async function answerFromSource({ source, proposed, options }: WhatIfThreadData): Promise<{ answer: WhatIfAnswer; timings: WhatIfTimings }> {
  const started = performance.now();
  const history = "history" in source ? source.history : await loadHistoryFrom(source);
  const loaded = performance.now();
  const answer = answerWhatIf(history, proposed, options);
  return { answer, timings: { loadMs: loaded - started, replayMs: performance.now() - loaded } };
}

/** The history on a connection of its own (one: loadHistory reads in one read-only transaction), closed after. */
async function loadHistoryFrom({ databaseUrl, groupId, fromMs, toMs }: Extract<HistorySource, { databaseUrl: string }>): Promise<History> {
  const { db, sql } = createDb(databaseUrl, { max: 1 });
  try {
    const history = await loadHistory(db, groupId, new Date(fromMs), new Date(toMs));
    if (!history) throw groupNotFound(groupId);
    return history;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export type WhatIfRunner = {
  /** Replays in a thread; UserError `busy` while another replay of this instance runs. */
  run: <T>(work: (answer: (data: WhatIfThreadData) => Promise<WhatIfAnswer>) => Promise<T>) => Promise<T>;
  /** A replay is running. */
  busy: () => boolean;
};

/** A runner that answers with `answer`, one replay at a time (a second is refused, 429 `busy`). */
export function oneAtATime(answer: (data: WhatIfThreadData) => Promise<WhatIfAnswer>): WhatIfRunner {
  let running = false;
  return {
    busy: () => running,
    run: async (work) => {
      if (running) throw new UserError("busy", "Another what-if is running on this server; try again in a few seconds.");
      running = true;
      try {
        return await work(answer);
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

/**
 * The instance's runner: the thread runner server.ts registered; without one (tests that
 * call the routes in-process, scripts) the replay runs in the calling thread.
 */
export function whatIfRunner(): WhatIfRunner {
  return (holder.__filaWhatIfRunner ??= oneAtATime(async (data) => (await answerFromSource(data)).answer));
}
