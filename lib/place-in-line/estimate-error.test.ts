// The estimate's error on a generated queue (docs/benchmarks.md#place-in-line): a discrete
// simulation of a group in minutes — customers arriving at random, agents each serving
// one at a time for a random while — where every customer who finds nobody free is told
// estimateMinutes(position, pace) with the pace read as readPace reads it (assignments in
// the last 30 minutes, agents, free places), and then waits for real. The error is
// |told − waited| for each customer told.
import { describe, expect, it } from "vitest";
import { estimateMinutes, PACE_WINDOW_MINUTES } from "./estimate";

/** A small seeded generator (mulberry32), so that the run is the same every time. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exponential = (rand: () => number, mean: number) => -Math.log(1 - rand()) * mean;

type Run = { told: number; errors: number[]; waits: number[] };

/** `agents` agents (cap 1 each), arrivals every `arrivalMean` minutes on average, service `serviceMean` minutes on average, for `minutes`. */
function simulate({ agents, arrivalMean, serviceMean, minutes, seed }: { agents: number; arrivalMean: number; serviceMean: number; minutes: number; seed: number }): Run {
  const rand = random(seed);
  const freeAt = Array.from({ length: agents }, () => 0);
  const assignments: number[] = [];
  const queue: { arrived: number; told: number | null; toldAt: number }[] = [];
  const errors: number[] = [];
  const waits: number[] = [];
  let told = 0;
  let nextArrival = exponential(rand, arrivalMean);
  const step = 0.05;
  for (let now = 0; now < minutes; now += step) {
    // Agents who are free take the head of the queue.
    for (let a = 0; a < agents; a++) {
      if (freeAt[a]! <= now && queue.length > 0) {
        const customer = queue.shift()!;
        assignments.push(now);
        freeAt[a] = now + exponential(rand, serviceMean);
        if (customer.told !== null) {
          errors.push(Math.abs(customer.told - (now - customer.toldAt)));
          waits.push(now - customer.toldAt);
        }
      }
    }
    while (nextArrival <= now) {
      nextArrival += exponential(rand, arrivalMean);
      const free = freeAt.filter((f) => f <= now).length;
      if (free > 0 && queue.length === 0) {
        const a = freeAt.findIndex((f) => f <= now);
        assignments.push(now);
        freeAt[a] = now + exponential(rand, serviceMean);
        continue;
      }
      // Nobody free: told on entering the queue.
      const position = queue.length + 1;
      const assignedInWindow = assignments.filter((at) => at > now - PACE_WINDOW_MINUTES).length;
      const minutesTold = estimateMinutes(position, { assignedInWindow, onlineAgents: agents, freePlaces: 0 });
      told++;
      queue.push({ arrived: now, told: minutesTold, toldAt: now });
    }
  }
  return { told, errors, waits };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describe("the estimate on a generated queue", () => {
  it("is within a few minutes of the wait, in the median", () => {
    // A busy group: 4 agents, 5-minute conversations on average, a customer every 1.3 minutes
    // (load ≈ 0.96), for 8 hours: a queue that forms, grows and drains.
    const runs = [1, 2, 3, 4, 5].map((seed) => simulate({ agents: 4, arrivalMean: 1.3, serviceMean: 5, minutes: 8 * 60, seed }));
    const errors = runs.flatMap((r) => r.errors);
    const customersTold = runs.reduce((n, r) => n + r.told, 0);
    const medianAbsoluteErrorMinutes = Math.round(median(errors) * 100) / 100;
    const medianWaitMinutes = Math.round(median(runs.flatMap((r) => r.waits)) * 100) / 100;
    console.log(
      JSON.stringify({ test: "place-in-line-estimate", customersTold, measured: errors.length, medianAbsoluteErrorMinutes, medianWaitMinutes, agents: 4, serviceMeanMinutes: 5, arrivalMeanMinutes: 1.3, hours: 8, seeds: 5 }),
    );
    expect(customersTold).toBeGreaterThan(100);
    expect(errors.length).toBeGreaterThan(100);
    expect(medianWaitMinutes).toBeGreaterThan(0);
    expect(medianAbsoluteErrorMinutes).toBeLessThan(4);
  });
});
