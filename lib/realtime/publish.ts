// Sends realtime signals through the Socket.IO server that server.ts registers on
// globalThis (the Next.js bundle and server.ts are separate module graphs in one
// process). With no server (scripts, unit tests) signals go to the test sink, if any.
import { roomsFor, type RealtimeSignal } from "./signals";

type Emitter = (roomsToNotify: string[], signal: RealtimeSignal) => void;
const holder = globalThis as unknown as { __filaEmit?: Emitter; __filaSignalSink?: RealtimeSignal[] };

export function registerEmitter(emit: Emitter | undefined) {
  holder.__filaEmit = emit;
}

/** Collects published signals in tests that assert what was announced. */
export function captureSignals(): RealtimeSignal[] {
  holder.__filaSignalSink = [];
  return holder.__filaSignalSink;
}

export function publish(...signals: RealtimeSignal[]) {
  for (const signal of signals) {
    holder.__filaSignalSink?.push(signal);
    holder.__filaEmit?.(roomsFor(signal), signal);
  }
}
