// The what-if replay in a worker thread (docs/what-if.md#the-replay-thread). A replay of
// a month is seconds of CPU; on the main thread it held the event loop, and with it every
// live decision, webhook acknowledgement and page of the instance. In a thread of its own
// it costs the main thread only the copy of the history sent over. The thread itself is
// started by what-if-worker.ts, which only server.ts (and tests, scripts) import: the
// Next.js bundle must not trace a Worker's entry. One replay at a time
// per instance (the machine's cores are shared with the live engine): a second request
// while one runs is refused at once, 429 `busy`, rather than queued behind it.
import { UserError } from "@/lib/errors";
import { answerWhatIf, type WhatIfAnswer, type WhatIfOptions } from "./answer";
import type { History, ReplaySettings } from "./history";

export type WhatIfThreadData = { history: History; proposed: Partial<ReplaySettings>; options: WhatIfOptions };
export type FromWhatIfThread = { ok: true; answer: WhatIfAnswer } | { ok: false; message: string };

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
  return (holder.__filaWhatIfRunner ??= oneAtATime(async ({ history, proposed, options }) => answerWhatIf(history, proposed, options)));
}
