// Observations the domain reports for the metrics (lib/runtime/metrics.ts), without
// knowing where they go: server.ts records them in its registry, the ingest thread posts
// them to the main thread. On globalThis, because server.ts, the Next.js bundle and the
// thread's bundle are separate module graphs.
export type DecisionObservation = { seconds: number; groupId: number; outcome: "assigned" | "idle" | "raced" };
export type JobObservation = { job: string; outcome: "ok" | "failed"; seconds: number };
export type Observer = { decision: (observation: DecisionObservation) => void; job: (observation: JobObservation) => void };

const holder = globalThis as unknown as { __filaObserver?: Observer };

export function registerObserver(observer: Observer | undefined) {
  holder.__filaObserver = observer;
}

export function observeDecision(observation: DecisionObservation) {
  holder.__filaObserver?.decision(observation);
}

export function observeJob(observation: JobObservation) {
  holder.__filaObserver?.job(observation);
}
