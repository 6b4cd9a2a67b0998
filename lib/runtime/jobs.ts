// The periodic jobs of a process (docs/operations.md#jobs): each on its own timer, each
// run caught, timed, counted and logged on its own line, so that one failing (or slow)
// never stops or delays another. A run starts only after the previous run of the same
// job ended: a slow run delays its own next run, never overlaps it.
import { logger } from "./logger";

export type Job = {
  /** Short and stable: the `job` label of fila_job_runs_total and the log line's `job`. */
  name: string;
  everyMs: number;
  /** The first run, when not one period after start (a rare job that should not wait for its first). */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
};

export type JobReport = { job: string; outcome: "ok" | "failed"; seconds: number; error?: unknown };

export type JobRunner = {
  /** No new runs; resolves once the runs in flight have ended. */
  stop: () => Promise<void>;
};

export function startJobs(jobs: Job[], report: (run: JobReport) => void): JobRunner {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (job: Job, first = false) => {
    if (stopped) return;
    timers.set(
      job.name,
      setTimeout(() => {
        const run = runOnce(job).finally(() => {
          running.delete(run);
          schedule(job);
        });
        running.add(run);
      }, first ? (job.firstAfterMs ?? job.everyMs) : job.everyMs),
    );
  };

  const runOnce = async (job: Job) => {
    const started = performance.now();
    try {
      await job.run();
      report({ job: job.name, outcome: "ok", seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      report({ job: job.name, outcome: "failed", seconds: (performance.now() - started) / 1000, error });
    }
  };

  for (const job of jobs) schedule(job, true);
  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}

/** What server.ts and the ingest thread do with a run: the metric and one JSON log line. */
export function reportJob(metrics: { job: (job: string, outcome: "ok" | "failed", seconds: number) => void }) {
  return (run: JobReport) => {
    metrics.job(run.job, run.outcome, run.seconds);
    const line = { job: run.job, outcome: run.outcome, ms: Math.round(run.seconds * 1000) };
    if (run.error) logger.error({ ...line, err: run.error }, `${run.job} failed`);
    else logger.info(line, "job run");
  };
}
