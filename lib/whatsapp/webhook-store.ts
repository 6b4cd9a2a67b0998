// Group commit of accepted webhook bodies (issue 18): the webhook route's only work
// after verifying a body is to store it, and concurrent bodies share one multi-row
// INSERT. While a flush is in flight the next bodies gather; each request waits for
// the commit of its own row and answers 200 only then (nothing is acknowledged that
// was not stored). What waits in memory is bounded: past `maxPending` bodies the
// store refuses at once (the route answers 503 and Meta redelivers).
import type { Queryable } from "@/db/client";
import { insertAcceptedBodies, type AcceptedBody, type StoreAcceptedBody } from "./receive-webhook";

export class StoreOverloadedError extends Error {
  constructor(pending: number) {
    super(`${pending} webhook bodies are waiting to be stored: refused, to be delivered again`);
    this.name = "StoreOverloadedError";
  }
}

export type GroupCommit = { store: StoreAcceptedBody; pending: () => number };

export function createGroupCommit(
  db: Queryable,
  options: {
    /** Rows per INSERT. */
    maxBatch?: number;
    /** INSERTs in flight at once. */
    maxFlushes?: number;
    /** Bodies waiting in memory before the store refuses. */
    maxPending?: number;
    /** After each committed INSERT (wakes the ingest worker). */
    onStored?: () => void;
  } = {},
): GroupCommit {
  const { maxBatch = 200, maxFlushes = 2, maxPending = 5_000 } = options;
  type Waiting = { body: AcceptedBody; resolve: (id: number) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let flushing = 0;
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    while (flushing < maxFlushes && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      flushing++;
      insertAcceptedBodies(
        db,
        batch.map((w) => w.body),
      )
        .then(
          (ids) => {
            batch.forEach((w, i) => w.resolve(ids[i]!));
            options.onStored?.();
          },
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          flushing--;
          pump();
        });
    }
  };

  return {
    store: (body) => {
      if (queue.length >= maxPending) return Promise.reject(new StoreOverloadedError(queue.length));
      return new Promise<number>((resolve, reject) => {
        queue.push({ body, resolve, reject });
        // Bodies that arrive in the same turn of the event loop go in the same INSERT.
        if (!scheduled && flushing < maxFlushes) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
    pending: () => queue.length,
  };
}
