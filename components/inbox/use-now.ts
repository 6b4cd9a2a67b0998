"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs`: live wait times and the reply window. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // A faster clock (the queue tab) starts from the current time, not the last tick.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
