// What server actions may ask of the Socket.IO server besides publishing signals: move a
// user's open tabs into the rooms of their current groups (after membership changes),
// and close the tabs of a deactivated user. socket-server.ts registers the server here
// on globalThis, as publish.ts does; with no server (scripts, tests) these do nothing.
type SocketControl = {
  syncGroupRooms: (userId: number) => Promise<void>;
  disconnectUser: (userId: number) => Promise<void>;
};

const holder = globalThis as unknown as { __filaSocketControl?: SocketControl };

export function registerSocketControl(control: SocketControl | undefined) {
  holder.__filaSocketControl = control;
}

async function attempt(what: string, run: ((userId: number) => Promise<void>) | undefined, userId: number) {
  try {
    await run?.(userId);
  } catch (error) {
    // The change is committed; a tab that missed its rooms catches up when it reconnects.
    console.error(`[fila] ${what} for user ${userId} failed:`, error);
  }
}

export const syncUserGroupRooms = (userId: number) => attempt("syncing group rooms", holder.__filaSocketControl?.syncGroupRooms, userId);
export const disconnectUser = (userId: number) => attempt("disconnecting tabs", holder.__filaSocketControl?.disconnectUser, userId);
