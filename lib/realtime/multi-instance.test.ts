// Two app instances on one PostgreSQL: a webhook received by one reaches a manager's
// socket connected to the other, through the PostgreSQL adapter and, with REDIS_URL,
// through Redis (SPEC §8).
import { rmSync } from "node:fs";
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

async function cluster(label: string, extraEnv: Record<string, string>) {
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
  return { a: instances[0]!, b: instances[1]!, managerId: manager!.id as number };
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
  expect(await received).toMatchObject({ type: "conversation.changed", status: "queued" });
}

describe("several instances", () => {
  it("carry signals across instances through the PostgreSQL adapter", async () => {
    await crossInstanceSignal("pg", {}, "postgres");
  }, 10 * 60_000);

  it("carry signals across instances through Redis when REDIS_URL is set", async () => {
    await crossInstanceSignal("redis", { REDIS_URL: "redis://127.0.0.1:6379" }, "redis");
  }, 10 * 60_000);
});
