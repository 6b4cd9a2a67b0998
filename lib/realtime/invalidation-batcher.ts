// A tab's invalidations, debounced: the query keys a burst of signals makes stale are
// collected for a short window and invalidated once each, so that 100 signals in a
// second cost a few refetches instead of 100 (issue 18). The first signal after a quiet
// spell waits at most `windowMs`; a steady stream flushes at least every `maxWaitMs`.
import { keysToInvalidate } from "./query-keys";
import type { RealtimeSignal } from "./signals";

export const CLIENT_INVALIDATION_WINDOW_MS = 150;
export const CLIENT_INVALIDATION_MAX_WAIT_MS = 600;

type Key = readonly unknown[];

export type InvalidationBatcher = {
  add: (signal: RealtimeSignal) => void;
  /** Invalidates what is pending now (and cancels the timer). */
  flush: () => void;
  stop: () => void;
};

export function createInvalidationBatcher(options: {
  userId: number;
  invalidate: (keys: Key[]) => void;
  windowMs?: number;
  maxWaitMs?: number;
  /** Injectable clock for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  now?: () => number;
}): InvalidationBatcher {
  const windowMs = options.windowMs ?? CLIENT_INVALIDATION_WINDOW_MS;
  const maxWaitMs = options.maxWaitMs ?? CLIENT_INVALIDATION_MAX_WAIT_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const now = options.now ?? Date.now;
  const pending = new Map<string, Key>();
  let timer: unknown = null;
  let firstAt = 0;

  const flush = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (pending.size === 0) return;
    const keys = minimalKeys([...pending.values()]);
    pending.clear();
    options.invalidate(keys);
  };

  return {
    add(signal) {
      if (pending.size === 0) firstAt = now();
      for (const key of keysToInvalidate(signal, options.userId)) pending.set(JSON.stringify(key), key);
      if (timer !== null) clearTimer(timer);
      const wait = Math.max(0, Math.min(windowMs, firstAt + maxWaitMs - now()));
      timer = setTimer(flush, wait);
    },
    flush,
    stop() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      pending.clear();
    },
  };
}

/** Drops keys that a shorter pending key already covers (TanStack Query matches by prefix). */
export function minimalKeys(keys: Key[]): Key[] {
  const covers = (prefix: Key, key: Key) => prefix.length <= key.length && prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
  return keys.filter((key, i) => !keys.some((other, j) => j !== i && covers(other, key) && (other.length < key.length || j < i)));
}
