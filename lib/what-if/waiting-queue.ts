// The replay's queue of waiting conversations, in the engine's order (docs/what-if.md):
// a sorted array where a conversation leaving is only marked, and skipped, and the marks
// swept now and then. Arrivals come in time order (an append), and conversations leave
// from the head: a plain array spliced at both ends cost the replay of a backlog of
// thousands a copy of the whole queue per assignment.
type Entry<T> = { item: T; live: boolean };

export class WaitingQueue<T> {
  private entries: Entry<T>[] = [];
  private start = 0;
  private dead = 0;
  private readonly index = new Map<T, Entry<T>>();

  /** `before(a, b)`: a waits ahead of b (a strict total order on the items). */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  /** How many are waiting. */
  get size() {
    return this.index.size;
  }

  insert(item: T) {
    if (this.index.has(item)) return;
    const entries = this.entries;
    const entry = { item, live: true };
    this.index.set(item, entry);
    // Arrivals come in order: behind the last one, an append (no search).
    const last = entries[entries.length - 1];
    if (last === undefined || entries.length === this.start || this.before(last.item, item)) {
      entries.push(entry);
      return;
    }
    let lo = this.start;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.before(entries[mid]!.item, item)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === entries.length) entries.push(entry);
    else entries.splice(lo, 0, entry);
  }

  remove(item: T) {
    const entry = this.index.get(item);
    if (!entry) return;
    entry.live = false;
    this.index.delete(item);
    this.dead++;
    const entries = this.entries;
    while (this.start < entries.length && !entries[this.start]!.live) {
      this.start++;
      this.dead--;
    }
    if (this.dead > 1024 && this.dead > this.index.size) {
      this.entries = entries.slice(this.start).filter((e) => e.live);
      this.start = 0;
      this.dead = 0;
    } else if (this.start > 1024 && this.start > entries.length / 2) {
      this.entries = entries.slice(this.start);
      this.start = 0;
    }
  }

  /** The first `n` waiting, in order. */
  head(n: number): T[] {
    const out: T[] = [];
    const entries = this.entries;
    for (let i = this.start; i < entries.length && out.length < n; i++) if (entries[i]!.live) out.push(entries[i]!.item);
    return out;
  }

  /** Everyone waiting, in order (a copy: the queue may change while it is walked). */
  all(): T[] {
    return this.head(this.index.size);
  }
}
