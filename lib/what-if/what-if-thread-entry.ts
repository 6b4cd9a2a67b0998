// Runs inside a what-if thread (what-if-thread.ts): the history read on the thread's own
// connection, one replay, its answer posted back, then the thread ends.
import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "@/lib/errors";
import { answerFromSource, type FromWhatIfThread, type WhatIfThreadData } from "./what-if-thread";

const data = workerData as WhatIfThreadData;
let message: FromWhatIfThread;
try {
  message = { ok: true, ...(await answerFromSource(data)) };
} catch (error) {
  const notFound = error instanceof UserError && error.code === "not_found" && "groupId" in data.source ? { notFound: data.source.groupId } : {};
  message = { ok: false, ...notFound, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort!.postMessage(message);
