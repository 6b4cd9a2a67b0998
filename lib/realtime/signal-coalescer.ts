// Signals coalesced on the server (issue 18): what is published within a short window
// (REALTIME_COALESCE_MS) goes out as one `signals` event per set of target rooms, the
// same signal once. A burst of 100 new conversations in a group is then a handful of
// packets per tab (and of adapter messages between instances), not 100. Each signal
// keeps its own target rooms, so a tab in several of them still receives it once.
import type { RealtimeSignal } from "./signals";

export type SignalCoalescer = {
  add: (targets: string[], signal: RealtimeSignal) => void;
  /** Sends what is pending now. */
  flush: () => void;
  stop: () => void;
};

export function createSignalCoalescer(options: { windowMs: number; emit: (targets: string[], signals: RealtimeSignal[]) => void }): SignalCoalescer {
  const pending = new Map<string, { targets: string[]; signals: Map<string, RealtimeSignal> }>();
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batches = [...pending.values()];
    pending.clear();
    for (const { targets, signals } of batches) options.emit(targets, [...signals.values()]);
  };

  return {
    add(targets, signal) {
      if (options.windowMs <= 0) return options.emit(targets, [signal]);
      const key = [...targets].sort().join("|");
      let batch = pending.get(key);
      if (!batch) pending.set(key, (batch = { targets, signals: new Map() }));
      // The same signal twice in a window (a redelivered status, say) is one signal.
      batch.signals.set(JSON.stringify(signal), signal);
      // A fixed window from the first pending signal: none waits longer than windowMs.
      timer ??= setTimeout(flush, options.windowMs);
    },
    flush,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
