"use client";

// One Socket.IO connection per tab. Signals invalidate the query keys they name
// (STYLE habit 6), debounced (lib/realtime/invalidation-batcher.ts): a burst of signals
// costs a few refetches. Components that want to react further (sound, notification)
// subscribe with useRealtimeSignal and hear every signal at once. A session the server
// ended (lib/realtime/session-ended.ts) sends the tab to the sign-in page at once, with why.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { createInvalidationBatcher } from "@/lib/realtime/invalidation-batcher";
import { SESSION_ENDED_EVENT, signInPathAfter } from "@/lib/realtime/session-ended";
import { SIGNALS_EVENT, type RealtimeSignal } from "@/lib/realtime/signals";

type Listener = (signal: RealtimeSignal) => void;
type RealtimeContextValue = { socket: Socket | null; connected: boolean; subscribe: (listener: Listener) => () => void };

const RealtimeContext = createContext<RealtimeContextValue>({ socket: null, connected: false, subscribe: () => () => {} });

export function RealtimeProvider({ userId, children }: { userId: number; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const listeners = useRef(new Set<Listener>());
  // Created once per tab on the client, connected by the effect (not during render).
  const [socket] = useState<Socket | null>(() =>
    typeof window === "undefined" ? null : io({ path: "/socket.io", withCredentials: true, transports: ["websocket", "polling"], autoConnect: false }),
  );
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const s = socket;
    if (!s) return;
    const invalidations = createInvalidationBatcher({
      userId,
      invalidate: (keys) => {
        for (const key of keys) queryClient.invalidateQueries({ queryKey: key });
      },
    });
    let ended = false;
    const endSession = (reason: unknown) => {
      if (ended) return;
      ended = true;
      s.off();
      s.disconnect();
      window.location.assign(signInPathAfter(reason));
    };
    s.connect();
    s.on(SESSION_ENDED_EVENT, (payload: { reason?: unknown } | undefined) => endSession(payload?.reason));
    s.on("connect_error", (error: Error & { data?: { reason?: unknown } }) => {
      // Refused because this session has ended (not a network failure): reconnecting cannot help.
      if (error.data?.reason) endSession(error.data.reason);
    });
    s.on("connect", () => {
      setConnected(true);
      // Anything may have changed while we were away.
      invalidations.stop();
      queryClient.invalidateQueries();
    });
    s.on("disconnect", (why) => {
      setConnected(false);
      // The server closed this socket on purpose (it does so when it ends a session), and
      // Socket.IO does not reconnect by itself then: connecting again either comes back or
      // is refused with the reason (connect_error above).
      if (why === "io server disconnect" && !ended) s.connect();
    });
    s.on(SIGNALS_EVENT, (signals: RealtimeSignal[]) => {
      for (const signal of signals) {
        invalidations.add(signal);
        for (const listener of listeners.current) listener(signal);
      }
    });
    return () => {
      invalidations.stop();
      s.off();
      s.disconnect();
    };
  }, [socket, queryClient, userId]);

  const subscribe = (listener: Listener) => {
    listeners.current.add(listener);
    return () => listeners.current.delete(listener);
  };

  return (
    <RealtimeContext.Provider value={{ socket, connected, subscribe }}>
      <span hidden data-testid="realtime-status" data-connected={connected ? "true" : "false"} />
      {children}
    </RealtimeContext.Provider>
  );
}

export function useRealtime() {
  return useContext(RealtimeContext);
}

export function useRealtimeSignal(listener: Listener) {
  const { subscribe } = useRealtime();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((signal) => latest.current(signal)), [subscribe]);
}
