// Runs inside a what-if thread (what-if-thread.ts): one replay, its answer posted back, then the thread ends.
import { parentPort, workerData } from "node:worker_threads";
import { answerWhatIf } from "./answer";
import type { FromWhatIfThread, WhatIfThreadData } from "./what-if-thread";

const { history, proposed, options } = workerData as WhatIfThreadData;
let message: FromWhatIfThread;
try {
  message = { ok: true, answer: answerWhatIf(history, proposed, options) };
} catch (error) {
  message = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort!.postMessage(message);
