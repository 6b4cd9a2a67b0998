// Issue 11 findings 4 and 8 at the socket: a session ended (session version) or a user
// deactivated cannot connect, reconnecting always re-runs authentication (no state
// recovery into old rooms), and a page of another origin cannot open a socket.
import { encodeSessionToken as encode } from "@/test/session-token";
import type { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/test/database";
import { startSocketHarness } from "@/test/socket-harness";
import { endAllSessions } from "@/lib/auth/users";
import { SESSION_ENDED_EVENT } from "./session-ended";
import { disconnectUser } from "./socket-control";

const SECRET = "socket-hardening-secret-0123456789";
let harness: Awaited<ReturnType<typeof startSocketHarness>>;
let t: TestDatabase;
let io: Server;
let url: string;
let ids: Record<string, number>;
let clients: Socket[];

beforeAll(async () => {
  harness = await startSocketHarness({ secret: SECRET, allowedOrigins: ["http://localhost:3000"] });
  ({ t, io, url, ids, clients } = harness);
});
afterAll(() => harness.stop());

async function cookieOf(handle: string, sv: number) {
  const token = await encode({ token: { uid: ids[handle]!, role: "agent", sv }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

function open(cookie: string, origin?: string): Promise<Socket> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie, ...(origin ? { origin } : {}) }, reconnection: false });
  clients.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("socket hardening", () => {
  it("refuses a session issued before the user's session version moved on", async () => {
    const [row] = await t.sql`SELECT session_version FROM users WHERE id = ${ids.bruno!}`;
    const cookie = await cookieOf("bruno", row!.session_version);
    (await open(cookie)).close();
    await t.sql`UPDATE users SET password_hash = password_hash || 'x' WHERE id = ${ids.bruno!}`; // a password reset
    await expect(open(cookie)).rejects.toThrow(/unauthorized/);
  });

  it("does not let a deactivated user back in within the old recovery window, nor after reactivation", async () => {
    const [row] = await t.sql`SELECT session_version FROM users WHERE id = ${ids.carla!}`;
    const cookie = await cookieOf("carla", row!.session_version);
    const socket = await open(cookie);
    socket.io.engine.close(); // an abrupt disconnection, as a network drop
    await t.sql`UPDATE users SET active = false WHERE id = ${ids.carla!}`;
    await expect(open(cookie)).rejects.toThrow(/unauthorized/);
    await t.sql`UPDATE users SET active = true WHERE id = ${ids.carla!}`;
    await expect(open(cookie)).rejects.toThrow(/unauthorized/);
  });

  it("tells the open tabs of a user whose sessions ended why, and refuses them again with the reason (issue 25 item 13)", async () => {
    const [row] = await t.sql`SELECT session_version FROM users WHERE id = ${ids.elisa!}`;
    const cookie = await cookieOf("elisa", row!.session_version);
    const tabs = [await open(cookie), await open(cookie)];
    const told = tabs.map((tab) => new Promise((resolve) => tab.once(SESSION_ENDED_EVENT as never, resolve as never)));
    const closed = tabs.map((tab) => new Promise((resolve) => tab.once("disconnect", resolve)));
    await endAllSessions(ids.elisa!);
    await disconnectUser(ids.elisa!, "signed-out");
    expect(await Promise.all(told)).toEqual([{ reason: "signed-out" }, { reason: "signed-out" }]);
    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
    // Connecting again: refused, with the reason the client shows.
    const refusal = await open(cookie).then(
      () => null,
      (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
    );
    expect(refusal).toEqual({ message: "unauthorized", data: { reason: "signed-out" } });
    await t.sql`UPDATE users SET active = false WHERE id = ${ids.elisa!}`;
    expect(await open(cookie).catch((error: Error & { data?: unknown }) => error.data)).toEqual({ reason: "deactivated" });
    await t.sql`UPDATE users SET active = true WHERE id = ${ids.elisa!}`;
    // No cookie at all is no session that ended: no reason.
    expect(await open("").catch((error: Error & { data?: unknown }) => error.data ?? null)).toBeNull();
  });

  it("checks the Origin against the app's origin", async () => {
    const [row] = await t.sql`SELECT session_version FROM users WHERE id = ${ids.diego!}`;
    const cookie = await cookieOf("diego", row!.session_version);
    await expect(open(cookie, "http://evil.example")).rejects.toThrow();
    (await open(cookie, "http://localhost:3000")).close();
  });

  it("has connection-state recovery off: every connection goes through authentication", () => {
    expect((io as unknown as { opts: { connectionStateRecovery?: unknown } }).opts.connectionStateRecovery).toBeUndefined();
  });
});
