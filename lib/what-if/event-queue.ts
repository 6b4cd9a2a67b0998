// A binary min-heap of timed events for the replay: by instant, then priority, then the
// order they were pushed in — so that events at one instant always run in the same order.
type Entry<T> = { atMs: number; priority: number; seq: number; event: T };

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));
}

export class EventQueue<T> {
  private heap: Entry<T>[] = [];
  private seq = 0;

  get size() {
    return this.heap.length;
  }

  /** The instant of the next event, if any. */
  peekAt(): number | undefined {
    return this.heap[0]?.atMs;
  }

  /** The priority of the next event, if any. */
  peekPriority(): number | undefined {
    return this.heap[0]?.priority;
  }

  push(atMs: number, priority: number, event: T) {
    const heap = this.heap;
    heap.push({ atMs, priority, seq: this.seq++, event });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): { atMs: number; event: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return { atMs: top.atMs, event: top.event };
  }
}
