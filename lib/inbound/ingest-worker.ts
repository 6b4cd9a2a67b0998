// The ingest pipeline's consumer (issue 18): a fixed number of runners, each claiming a
// batch of stored webhook bodies (lib/whatsapp/webhook-queue.ts), processing it in one
// transaction, then distributing and announcing what it opened before claiming the
// next. Work in flight is bounded by INGEST_CONCURRENCY × INGEST_BATCH; under overload
// the backlog waits in PostgreSQL, not in memory. The route wakes a runner when it
// stores a body (in-process); bodies stored by another instance are found by the idle
// poll (INGEST_POLL_MS), and the sweep shares the same queue.
import type { Db } from "@/db/client";
import { withRequestId } from "@/db/request-context";
import { followUp, graphConfigFromEnv, processWebhookBatch, type BatchOptions, type GraphConfig, type IngestOptions } from "@/lib/whatsapp";
import { distributeOpened, tellEntered } from "./ingest-and-distribute";

export type IngestWorkerOptions = {
  concurrency: number;
  batchSize: number;
  /** How often an idle worker looks for bodies stored elsewhere (other instances). */
  pollMs: number;
  graph?: GraphConfig;
  /** Distribution of what a batch opened (default: the engine); tests may replace it. */
  onConversationOpened?: IngestOptions["onConversationOpened"];
  /** Told of every batch processed (its bodies' event ids and how long its transaction took): the log line. */
  onBatch?: (eventIds: number[], seconds: number) => void;
  /** Tests: passed to every batch (a crash inside its transaction). */
  batch?: Pick<BatchOptions, "beforeMarks">;
};

export type IngestWorker = {
  /** Bodies were stored: an idle runner looks now. */
  wake: () => void;
  /** Finishes the batches in flight, then stops. */
  stop: () => Promise<void>;
};

const MAX_DELIVERING = 8;

export function startIngestWorker(db: Db, options: IngestWorkerOptions): IngestWorker {
  const graph = options.graph ?? graphConfigFromEnv();
  const ingest: IngestOptions = { graph, onConversationOpened: options.onConversationOpened ?? distributeOpened(db), onEnteredQueue: tellEntered(db, graph) };
  let stopped = false;
  let wakeups = 0;
  const idle: (() => void)[] = [];

  const wake = () => {
    const next = idle.shift();
    if (next) next();
    else wakeups = Math.min(wakeups + 1, options.concurrency);
  };
  const rest = (ms: number | null) =>
    new Promise<void>((resolve) => {
      if (wakeups > 0 || stopped) {
        wakeups = Math.max(0, wakeups - 1);
        return resolve();
      }
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        const at = idle.indexOf(done);
        if (at >= 0) idle.splice(at, 1);
        resolve();
      };
      idle.push(done);
      if (ms !== null) timer = setTimeout(done, ms);
    });

  // Automatic messages (welcome, menu) go out while the runner takes the next batch: a
  // runner that waited for Meta's answers processed no more than a batch per round trip
  // to Meta. Bounded: past MAX_DELIVERING batches' deliveries, the runner waits.
  const delivering = new Set<Promise<void>>();
  const deliverLater = async (delivery: Promise<void>) => {
    delivering.add(delivery);
    void delivery.finally(() => delivering.delete(delivery));
    while (delivering.size > MAX_DELIVERING) await Promise.race(delivering);
  };

  async function run(index: number) {
    let failures = 0;
    while (!stopped) {
      try {
        const started = performance.now();
        const batch = await processWebhookBatch(db, { limit: options.batchSize, ...options.batch });
        failures = 0;
        if (batch.outcomes.length > 0) options.onBatch?.(batch.outcomes.map((o) => o.eventId), (performance.now() - started) / 1000);
        if (batch.outcomes.length === 0) {
          // Runner 0 polls for other instances' bodies; the others wait to be woken.
          await rest(index === 0 ? options.pollMs : null);
          continue;
        }
        // A full batch: more may be waiting, another runner joins in.
        if (batch.outcomes.length >= options.batchSize) wake();
        // What follows (distribution, welcomes) is the same requests' work: its transactions carry their ids.
        const follow = () => followUp(db, batch.result, ingest, "webhook batch", deliverLater);
        await (batch.requestId ? withRequestId(batch.requestId, follow) : follow());
      } catch (error) {
        // The database is away, or the batch's transaction failed: nothing of it was
        // stored, its bodies are still to process. Back off, then try again.
        failures++;
        console.error(`[fila] ingest batch failed (attempt ${failures}):`, error);
        await rest(Math.min(5_000, 100 * 2 ** failures));
      }
    }
  }

  const runners = Array.from({ length: options.concurrency }, (_, i) => run(i));
  return {
    wake,
    stop: async () => {
      stopped = true;
      for (const resume of [...idle]) resume();
      await Promise.all(runners);
      await Promise.all(delivering);
    },
  };
}

// The route (in Next's bundle) wakes the worker that server.ts started: one process,
// two module graphs, so the handle lives on globalThis (like lib/realtime/publish.ts).
const holder = globalThis as unknown as { __filaIngestWake?: () => void };

export function registerIngestWake(wake: (() => void) | undefined) {
  holder.__filaIngestWake = wake;
}

export function wakeIngest() {
  holder.__filaIngestWake?.();
}
