// Two app instances on one PostgreSQL: a webhook received by one reaches a manager's
// socket connected to the other, through the PostgreSQL adapter and, with REDIS_URL,
// through Redis; and an instance killed (SIGKILL) in the middle of a webhook burst loses
// nothing: the other finishes it, each body once (docs/operations.md#several-instances).
import { rmSync } from "node:fs";
import { connect as tcpConnect } from "node:net";
import { encodeSessionToken } from "@/test/session-token";
import postgres from "postgres";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it, inject } from "vitest";
import { freePort } from "@/db/processes";
import { startServerProcess, type ServerProcess } from "@/test/server-process";
import { messagesNotification, content, inboundMessage, postSignedWebhook } from "@/dev/webhook-payloads";
import { SIGNALS_EVENT, type RealtimeSignal } from "./signals";

const SECRET = "multi-instance-test-secret";
const APP_SECRET = "multi-instance-app-secret";
const adminUrl = inject("pgAdminUrl");
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const started: ServerProcess[] = [];
const sockets: Socket[] = [];
const distDirs: string[] = [];

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(started.map((s) => s.stop()));
  for (const dir of distDirs) rmSync(dir, { recursive: true, force: true });
  await admin.end();
});

const REDIS_URL = "redis://127.0.0.1:6379";

/** These tests need the Redis that CI's machine runs: say so plainly rather than time out. */
async function requireRedis() {
  const { hostname, port } = new URL(REDIS_URL);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = tcpConnect({ host: hostname, port: Number(port) });
    socket.setTimeout(3000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
  if (!reachable) throw new Error(`Redis is not reachable at ${REDIS_URL}: the several-instances tests need it (docs/operations.md#several-instances).`);
}

async function cluster(label: string, extraEnv: Record<string, string>) {
  if (extraEnv.REDIS_URL) await requireRedis();
  const database = `fila_cluster_${label}_${process.pid}`;
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${database}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const instances: ServerProcess[] = [];
  for (const name of ["a", "b"]) {
    const distDir = `.next-cluster-${label}-${name}-${process.pid}`;
    distDirs.push(distDir);
    const port = await freePort();
    const instance = await startServerProcess(
      {
        NODE_ENV: "development",
        DATABASE_URL: url,
        NEXTAUTH_SECRET: SECRET,
        NEXTAUTH_URL: `http://localhost:${port}`,
        WHATSAPP_APP_SECRET: APP_SECRET,
        GRAPH_API_URL: "http://127.0.0.1:9",
        NEXT_DIST_DIR: distDir,
        REDIS_URL: "",
        ...extraEnv,
      },
      port,
    );
    started.push(instance);
    instances.push(instance);
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [manager] = await sql`SELECT id FROM users WHERE email = 'manager@fila.test'`;
  await sql.end();
  return { a: instances[0]!, b: instances[1]!, managerId: manager!.id as number, url };
}

async function managerSocket(port: number, managerId: number) {
  const token = await encodeSessionToken({ token: { uid: managerId, role: "manager", name: "manager" }, secret: SECRET });
  const socket = connect(`http://localhost:${port}`, {
    transports: ["websocket"],
    extraHeaders: { cookie: `next-auth.session-token=${token}` },
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

async function crossInstanceSignal(label: string, env: Record<string, string>, adapter: string) {
  const { a, b, managerId } = await cluster(label, env);
  expect(a.output()).toContain(`${adapter} adapter`);
  const socket = await managerSocket(a.port, managerId);
  const received = new Promise<RealtimeSignal>((resolve) =>
    socket.on(SIGNALS_EVENT, (signals: RealtimeSignal[]) => signals.forEach((signal) => signal.type === "conversation.changed" && resolve(signal))),
  );
  const waId = `55119${Math.floor(Math.random() * 1e8)}`;
  const response = await postSignedWebhook(
    `http://localhost:${b.port}/api/webhooks/whatsapp`,
    APP_SECRET,
    messagesNotification({ phoneNumberId: "100000000000003" }, [{ waId, name: "Cliente" }], [inboundMessage(waId, content.text("Olá"))]),
  );
  expect(response.status).toBe(200);
  const queued = await received;
  expect(queued).toMatchObject({ type: "conversation.changed", status: "queued" });
  if (queued.type !== "conversation.changed") return;

  // A take through B appears live in the tab connected to A.
  const taken = new Promise<RealtimeSignal>((resolve) =>
    socket.on(SIGNALS_EVENT, (signals: RealtimeSignal[]) =>
      signals.forEach((signal) => signal.type === "conversation.changed" && signal.conversationId === queued.conversationId && signal.status === "assigned" && resolve(signal)),
    ),
  );
  const cookie = `next-auth.session-token=${await encodeSessionToken({ token: { uid: managerId, role: "manager", name: "manager" }, secret: SECRET })}`;
  const take = await fetch(`http://localhost:${b.port}/api/v1/conversations/${queued.conversationId}/take`, { method: "POST", headers: { cookie } });
  expect(take.status).toBe(200);
  expect(await taken).toMatchObject({ status: "assigned", assigneeId: managerId, actorId: managerId });
}

describe("several instances", () => {
  it("carry signals across instances through the PostgreSQL adapter (a webhook to B, a take through B, both live on A)", async () => {
    await crossInstanceSignal("pg", {}, "postgres");
  }, 10 * 60_000);

  it("carry signals across instances through Redis when REDIS_URL is set (a webhook to B, a take through B, both live on A)", async () => {
    await crossInstanceSignal("redis", { REDIS_URL }, "redis");
  }, 10 * 60_000);

  it("finish the burst of an instance killed with SIGKILL halfway: every acknowledged body processed once, by the other", async () => {
    // One body per transaction on A: the kill lands inside one.
    const { a, b, url } = await cluster("kill", { REDIS_URL, INGEST_BATCH: "1" });
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const bodies = 300;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < bodies && !killed) {
          sent++;
          const waId = `55119${Math.floor(Math.random() * 1e8)}`;
          try {
            const response = await postSignedWebhook(
              `http://localhost:${a.port}/api/webhooks/whatsapp`,
              APP_SECRET,
              messagesNotification({ phoneNumberId: "100000000000003" }, [{ waId, name: "Burst" }], [inboundMessage(waId, content.text(`kill burst ${waId}`))]),
            );
            if (response.status === 200) acknowledged.push(waId);
          } catch {
            // A is gone: Meta would deliver it again (to B).
          }
          if (!killed && acknowledged.length >= bodies / 2) {
            killed = true;
            a.child.kill("SIGKILL");
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(b.child.exitCode).toBeNull();
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const messages = async () => sql<{ body: string; n: number }[]>`SELECT body, count(*)::int AS n FROM messages WHERE body LIKE 'kill burst %' GROUP BY body`;
      // B polls for bodies another instance stored (INGEST_POLL_MS) and finishes them.
      await expect.poll(async () => (await messages()).length, { timeout: 180_000, interval: 500 }).toBeGreaterThanOrEqual(acknowledged.length);
      const all = await messages();
      for (const waId of acknowledged) expect(all.map((m) => m.body)).toContain(`kill burst ${waId}`);
      expect(all.filter((m) => m.n !== 1)).toEqual([]);
      const [left] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_events WHERE raw_body LIKE '%kill burst%' AND outcome <> 'processed'`;
      expect(left!.n).toBe(0);
    } finally {
      await sql.end();
    }
  }, 10 * 60_000);
});
