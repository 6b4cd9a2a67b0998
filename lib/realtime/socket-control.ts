// What server actions may ask of the Socket.IO server besides publishing signals: move a
// user's open tabs into the rooms of their current groups (after membership changes),
// and close the tabs of a user whose sessions ended, telling them why (session-ended.ts). socket-server.ts registers the server here
// on globalThis, as publish.ts does; with no server (scripts, tests) these do nothing.
import type { SessionEndReason } from "./session-ended";

type SocketControl = {
  syncGroupRooms: (userId: number) => Promise<void>;
  disconnectUser: (userId: number, reason: SessionEndReason) => Promise<void>;
};

const holder = globalThis as unknown as { __filaSocketControl?: SocketControl };

export function registerSocketControl(control: SocketControl | undefined) {
  holder.__filaSocketControl = control;
}

async function attempt(what: string, userId: number, run: (control: SocketControl) => Promise<void>) {
  const control = holder.__filaSocketControl;
  if (!control) return;
  try {
    await run(control);
  } catch (error) {
    // The change is committed; a tab that missed its rooms catches up when it reconnects.
    console.error(`[fila] ${what} for user ${userId} failed:`, error);
  }
}

export const syncUserGroupRooms = (userId: number) => attempt("syncing group rooms", userId, (control) => control.syncGroupRooms(userId));
/** Tells the user's open tabs why their session ended, then closes their sockets. */
export const disconnectUser = (userId: number, reason: SessionEndReason) =>
  attempt("disconnecting tabs", userId, (control) => control.disconnectUser(userId, reason));
