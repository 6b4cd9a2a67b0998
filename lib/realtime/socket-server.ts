// The Socket.IO server: sessions from the next-auth cookie, rooms per user, per group
// and for managers, joined only after the permissions module agrees. Events to
// clients are signals (signals.ts); across instances they travel through an adapter.
import type { Server as HttpServer } from "node:http";
import { parse as parseCookies } from "cookie";
import { Server, type Socket } from "socket.io";
import type { Db } from "@/db/client";
import { sessionFromCookies } from "@/lib/auth/next-auth";
import { requireGroupAccess } from "@/lib/auth/permissions";
import { loadActiveUser, sessionEndReason, type SessionUser } from "@/lib/auth/users";
import { memberGroupIds } from "@/lib/distribution";
import { parseId, toActionError } from "@/lib/errors";
import { registerEmitter } from "./publish";
import { createSignalCoalescer } from "./signal-coalescer";
import { SESSION_ENDED_EVENT, type SessionEndReason } from "./session-ended";
import { rooms, SIGNALS_EVENT } from "./signals";
import { registerSocketControl } from "./socket-control";

export type SocketData = { user: SessionUser; groupIds: number[] };
type FilaSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

export type SocketServerOptions = {
  db: Db;
  secret: string;
  /** The app's origin(s) (from NEXTAUTH_URL); unset: only same-host origins. */
  allowedOrigins?: string[];
  adapter?: Parameters<Server["adapter"]>[0];
  onLastTabClosed?: (userId: number) => void;
  onTabOpened?: (userId: number) => void;
  /** Signals published within this many milliseconds go out together (signal-coalescer.ts); 0: each at once. */
  coalesceMs?: number;
};

/** The user of a handshake's session cookie; or why a session that was valid has ended; or null (no session). */
export async function authenticateHandshake(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): Promise<{ user: SessionUser } | { ended: SessionEndReason } | null> {
  const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : "";
  const session = await sessionFromCookies(headers, parseCookies(cookieHeader), secret);
  if (!session) return null;
  const user = await loadActiveUser(session.userId, session.sessionVersion);
  return user ? { user } : { ended: await sessionEndReason(session.userId) };
}

/** The refusal of a socket whose session ended: the client reads the reason from `data`. */
function sessionEnded(reason: SessionEndReason) {
  return Object.assign(new Error("unauthorized"), { data: { reason } });
}

/**
 * Browsers send Origin with every WebSocket and cross-site request; a client that sends
 * none is not a browser page (and carries no one's cookie by accident).
 */
export function originAllowed(origin: string | undefined, allowed: string[] | undefined): boolean {
  if (origin === undefined) return true;
  if (!allowed || allowed.length === 0) return false;
  try {
    return allowed.includes(new URL(origin).origin);
  } catch {
    return false;
  }
}

export function attachSocketServer(httpServer: HttpServer, options: SocketServerOptions): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Upgrades on other paths (Next.js hot reload) belong to Next's handler.
    destroyUpgrade: false,
    // No connection-state recovery: a recovered socket would skip the authentication
    // below and come back into its old rooms (a user deactivated or removed from a group
    // meanwhile). Every connection is authenticated; the client refetches on connect.
    // A browser page of another site may not open a socket with our cookie: the Origin
    // header, when present, must be the app's own.
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin, options.allowedOrigins)),
  });
  if (options.adapter) io.adapter(options.adapter);

  io.use(async (socket, next) => {
    try {
      const auth = await authenticateHandshake(socket.request.headers, options.secret);
      if (!auth) return next(new Error("unauthorized"));
      if ("ended" in auth) return next(sessionEnded(auth.ended));
      const { user } = auth;
      // Rooms are known before the connection is accepted, so no signal can slip past.
      (socket as FilaSocket).data.user = user;
      (socket as FilaSocket).data.groupIds = user.role === "manager" ? [] : await memberGroupIds(options.db, user.id);
      next();
    } catch (error) {
      console.error("[fila] socket authentication failed:", error);
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (raw) => {
    const socket = raw as unknown as FilaSocket;
    const user = socket.data.user;
    socket.join([rooms.user(user.id), ...(user.role === "manager" ? [rooms.managers] : socket.data.groupIds.map(rooms.group))]);
    options.onTabOpened?.(user.id);

    // A client may ask to (re)join a group room, e.g. after being added to a group.
    socket.on("groups:join" as never, async (groupId: unknown, ack?: (answer: unknown) => void) => {
      try {
        const id = parseId(groupId, "groupId");
        await requireGroupAccess(options.db, user, id);
        socket.join(rooms.group(id));
        ack?.({ ok: true });
      } catch (error) {
        ack?.(toActionError(error, "groups:join"));
      }
    });

    socket.on("disconnect", () => options.onLastTabClosed && checkLastTab(io, user.id, options.onLastTabClosed));
  });

  const coalescer = createSignalCoalescer({
    windowMs: options.coalesceMs ?? 0,
    emit: (targets, signals) => io.to(targets).emit(SIGNALS_EVENT as never, signals as never),
  });
  registerEmitter((targets, signal) => coalescer.add(targets, signal));
  registerSocketControl({
    syncGroupRooms: (userId) => syncGroupRooms(io, options.db, userId),
    // Told why first (the packet is written before the close), then closed.
    disconnectUser: async (userId, reason) => {
      io.to(rooms.user(userId)).emit(SESSION_ENDED_EVENT as never, { reason } as never);
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
  });
  return io;
}

async function checkLastTab(io: Server, userId: number, onLastTabClosed: (userId: number) => void) {
  const sockets = await io.in(rooms.user(userId)).fetchSockets();
  if (sockets.length === 0) onLastTabClosed(userId);
}

/** Puts every connected tab of a user in the rooms of their current groups (after membership changes). */
export async function syncGroupRooms(io: Server, db: Db, userId: number) {
  const groupIds = new Set((await memberGroupIds(db, userId)).map(rooms.group));
  const sockets = await io.in(rooms.user(userId)).fetchSockets();
  for (const socket of sockets) {
    if ((socket.data as SocketData).user.role === "manager") continue;
    for (const room of socket.rooms) if (room.startsWith("group:") && !groupIds.has(room)) socket.leave(room);
    socket.join([...groupIds]);
  }
}
