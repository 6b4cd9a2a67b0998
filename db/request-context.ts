// The request a piece of work belongs to, for the database's side of the log: within a
// request (server.ts runs each one inside `withRequestId`), every transaction sets
// `fila.request_id` first, and fila_enqueue_webhook copies it onto the outgoing webhooks
// the transaction enqueues — so a delivery's log line names the request that caused it
// (docs/operations.md#logs). One store per process, shared by server.ts and the Next.js
// bundle (separate module graphs) through a registered symbol.
import { AsyncLocalStorage } from "node:async_hooks";

type RequestContext = { requestId: string };
const KEY = Symbol.for("fila.request.context");
const registry = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage = (registry[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** Runs `work` as part of the request `requestId`: its transactions carry that id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** The id of the request the caller is working for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
