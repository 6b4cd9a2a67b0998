"use client";

// The current time, shared by every component that shows "how long ago" or a live
// wait: one timer ticking every second for the whole page. A component that needs less
// (`intervalMs`) re-renders only when its own step changes. Null while hydrating, so
// that server and client render the same text.
import { useCallback, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(intervalMs = 1000): number | null {
  // The same value within one step: React re-renders only when it changes.
  const snapshot = useCallback(() => (intervalMs <= 1000 ? now : now - (now % intervalMs)), [intervalMs]);
  return useSyncExternalStore(subscribe, snapshot, () => null);
}
