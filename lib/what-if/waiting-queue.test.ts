// The replay's waiting queue against a plain sorted array (waiting-queue.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WaitingQueue } from "./waiting-queue";

describe("WaitingQueue", () => {
  it("keeps the order, the size and the head of a sorted array through inserts and removals", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ insert: fc.boolean(), key: fc.integer({ min: 0, max: 3000 }) }), { maxLength: 4000 }), (ops) => {
        const queue = new WaitingQueue<number>((a, b) => a < b);
        let reference: number[] = [];
        for (const { insert, key } of ops) {
          if (insert) {
            queue.insert(key);
            if (!reference.includes(key)) reference = [...reference, key].sort((a, b) => a - b);
          } else {
            // Mostly from the head, as the replay removes.
            const item = key % 4 === 0 ? key : (reference[0] ?? key);
            queue.remove(item);
            reference = reference.filter((x) => x !== item);
          }
          expect(queue.size).toBe(reference.length);
        }
        expect(queue.all()).toEqual(reference);
        expect(queue.head(16)).toEqual(reference.slice(0, 16));
      }),
      { numRuns: 30 },
    );
  });
});
