// lib/runtime/jobs.ts: one job failing, or hanging, never stops or delays another; each
// run is reported once with its outcome; stop ends the timers and waits for runs in flight.
import { afterEach, describe, expect, it, vi } from "vitest";
import { startJobs, type JobReport } from "./jobs";

afterEach(() => vi.useRealTimers());

describe("startJobs", () => {
  it("keeps every job on its own interval while another throws on every run or never ends", async () => {
    vi.useFakeTimers();
    const reports: JobReport[] = [];
    let healthy = 0;
    const runner = startJobs(
      [
        { name: "failing", everyMs: 1_000, run: async () => Promise.reject(new Error("database away")) },
        { name: "hanging", everyMs: 1_000, run: () => new Promise(() => {}) },
        { name: "healthy", everyMs: 500, run: async () => void healthy++ },
      ],
      (run) => reports.push(run),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(healthy).toBe(20);
    const of = (job: string) => reports.filter((r) => r.job === job);
    expect(of("healthy").every((r) => r.outcome === "ok")).toBe(true);
    expect(of("failing").length).toBe(10);
    expect(of("failing").every((r) => r.outcome === "failed" && r.error instanceof Error)).toBe(true);
    // The hanging job ran once and is not started again over itself.
    expect(of("hanging")).toEqual([]);
    void runner.stop();
  });

  it("does not run a job over its own slow run, and stop waits for the run in flight", async () => {
    vi.useFakeTimers();
    let concurrent = 0;
    let most = 0;
    let finished = 0;
    const runner = startJobs(
      [
        {
          name: "slow",
          everyMs: 100,
          run: async () => {
            most = Math.max(most, ++concurrent);
            await new Promise((resolve) => setTimeout(resolve, 350));
            concurrent--;
            finished++;
          },
        },
      ],
      () => {},
    );
    await vi.advanceTimersByTimeAsync(2_000);
    expect(most).toBe(1);
    const before = finished;
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    await stopped;
    expect(concurrent).toBe(0);
    // The run in flight ended; none started after stop.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(finished).toBeLessThanOrEqual(before + 1);
  });
});
