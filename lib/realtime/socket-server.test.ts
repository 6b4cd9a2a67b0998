import { encodeSessionToken } from "@/test/session-token";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSocketHarness } from "@/test/socket-harness";
import { announce } from "./announce";
import { SIGNALS_EVENT, type RealtimeSignal } from "./signals";

const SECRET = "socket-test-secret-0123456789";
let harness: Awaited<ReturnType<typeof startSocketHarness>>;
let url: string;
let ids: Record<string, number>;
let clients: Socket[];

beforeAll(async () => {
  harness = await startSocketHarness({ secret: SECRET });
  ({ url, ids, clients } = harness);
});
afterAll(() => harness.stop());

async function sessionCookie(handle: string, role: "manager" | "agent") {
  const token = await encodeSessionToken({ token: { uid: ids[handle]!, role, name: handle }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

function open(cookie?: string): Promise<Socket> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  clients.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const nextSignal = (socket: Socket) => new Promise<RealtimeSignal>((resolve) => socket.once(SIGNALS_EVENT, (signals: RealtimeSignal[]) => resolve(signals[0]!)));

describe("socket server", () => {
  it("refuses a socket without a session, or with a forged one", async () => {
    await expect(open()).rejects.toThrow(/unauthorized/);
    const forged = await encodeSessionToken({ token: { uid: ids.manager!, role: "manager" }, secret: "some-other-secret-0123456789" });
    await expect(open(`next-auth.session-token=${forged}`)).rejects.toThrow(/unauthorized/);
  });

  it("puts a signed-in socket in its user room and its groups' rooms", async () => {
    const ana = await open(await sessionCookie("ana", "agent"));
    const toAna = nextSignal(ana);
    announce({ type: "presence.changed", userId: ids.ana!, status: "online", groupIds: [] });
    expect(await toAna).toMatchObject({ type: "presence.changed", userId: ids.ana });

    const vendas = nextSignal(ana);
    announce({ type: "group.changed", groupId: ids.Vendas! });
    expect(await vendas).toEqual({ type: "group.changed", groupId: ids.Vendas });
  });

  it("never sends an agent the events of a group they are not in, and refuses to join it", async () => {
    const ana = await open(await sessionCookie("ana", "agent"));
    const received: RealtimeSignal[] = [];
    ana.on(SIGNALS_EVENT, (signals: RealtimeSignal[]) => received.push(...signals));
    const answer = await ana.emitWithAck("groups:join", ids.Financeiro);
    expect(answer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    announce({ type: "group.changed", groupId: ids.Financeiro! });
    announce({ type: "group.changed", groupId: ids.Vendas! });
    // Signals arrive in order: had Financeiro's been sent, it would come before Vendas's.
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(received).toEqual([{ type: "group.changed", groupId: ids.Vendas }]);
    expect(await ana.emitWithAck("groups:join", ids.Vendas)).toEqual({ ok: true });
  });

  it("sends managers the events of every group", async () => {
    const manager = await open(await sessionCookie("manager", "manager"));
    const signal = nextSignal(manager);
    announce({ type: "group.changed", groupId: ids.Financeiro! });
    expect(await signal).toEqual({ type: "group.changed", groupId: ids.Financeiro });
  });
});
