// Benchmark of WhatsApp ingest (npm run bench:ingest, issue 18). In one run:
// - the production server (`next build` into .next-bench first, unless --no-build) on its
//   own port and its own database on a PostgreSQL server (BENCH_PG_URL, default the
//   system one at postgres://postgres@127.0.0.1:5432/postgres), demo data seeded, the
//   balanced group (Vendas) and the sequential one (Suporte) with no cap and no welcome,
//   every agent online;
// - an anchor: a minimal Node HTTP server (this script with --anchor) that verifies the
//   same signature and INSERTs the body in one statement;
// - signed webhooks, a new contact each, alternating between the two groups, offered at
//   rising rates (100, 200, 400, 800 /s, 20 s each; --quick: 5 s each) with at most
//   MAX_IN_FLIGHT requests open and a 10 s client timeout, to the app and to the anchor;
// - then 20 Socket.IO clients (agents and the manager) while 100 webhooks a second arrive
//   for 5 s: the signals each receives, and the refetches they cost a tab that debounces
//   its invalidations (lib/realtime/invalidation-batcher.ts).
// Per rate: acknowledgement p50/p99, conversations assigned per second, webhook →
// assignment p50/p99, peak and settled RSS of the server, the anchor's ack rate, and
// the load average. The last line printed is one JSON object.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { io as connectSocket, type Socket } from "socket.io-client";
import { createInvalidationBatcher } from "@/lib/realtime/invalidation-batcher";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { SIGNATURE_HEADER, signBody, verifySignature } from "@/lib/whatsapp/signature";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    rates: { type: "string", default: "100,200,400,800" },
    seconds: { type: "string" },
    port: { type: "string", default: "4270" },
    "anchor-port": { type: "string", default: "4271" },
    database: { type: "string", default: "fila_bench_ingest" },
    "socket-clients": { type: "string", default: "20" },
    // A folder for each step's requests (sent at, acknowledged after): where the slow ones fall.
    trace: { type: "string" },
    // Internal: run as the anchor server.
    anchor: { type: "boolean", default: false },
    "anchor-url": { type: "string" },
  },
});

const APP_SECRET = "bench-ingest-app-secret";
const AUTH_SECRET = "bench-ingest-nextauth-secret";
const DIST_DIR = ".next-bench";
const MAX_IN_FLIGHT = 1000;
const CLIENT_TIMEOUT_MS = 10_000;
const NUMBERS = ["100000000000001", "100000000000002"]; // Vendas (balanced), Suporte (sequential)

// ── The anchor: verify, INSERT, answer ───────────────────────────────────────────

async function runAnchor(port: number, url: string) {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  await sql`CREATE TABLE IF NOT EXISTS anchor_bodies (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now(), raw_body text NOT NULL, signature text)`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const signature = req.headers[SIGNATURE_HEADER] as string | undefined;
      if (!verifySignature(APP_SECRET, body, signature ?? null).valid) {
        res.writeHead(401).end();
        return;
      }
      sql`INSERT INTO anchor_bodies (raw_body, signature) VALUES (${body.toString("utf8")}, ${signature ?? null})`.then(
        () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'),
        () => res.writeHead(503).end(),
      );
    });
  });
  server.listen(port, "127.0.0.1", () => console.log("anchor ready"));
  process.on("SIGTERM", () => server.close(() => void sql.end().then(() => process.exit(0))));
}

// ── Helpers ───────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
const log = (line: string) => console.log(`[bench:ingest] ${line}`);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

/** RSS of a process and all its descendants (tsx runs the server in a child node), in MB. */
function treeRssMb(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

function startChild(command: string, argv: string[], env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 20_000) output = output.slice(-10_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes(readyText)) {
        clearInterval(timer);
        resolve(child);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`${command} ${argv.join(" ")} exited early:\n${output}`));
      }
    }, 100);
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

type Sent = { waId: string; sentAt: number; ackMs: number | null; status: number | null; error?: string };
const ackOrTimeout = (s: Sent) => (s.status === 200 ? s.ackMs! : CLIENT_TIMEOUT_MS);

/** The failed requests by what they got, e.g. "503×2 ECONNRESET×1". */
function failedWith(sent: Sent[]): string {
  const counts = new Map<string, number>();
  for (const s of sent) if (s.status !== 200) counts.set(String(s.status ?? s.error), (counts.get(String(s.status ?? s.error)) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${what}×${n}`).join(" ");
}

/** Offers `rate` signed webhooks a second for `seconds`, a new contact each; at most MAX_IN_FLIGHT open. */
async function offer(url: string, rate: number, seconds: number, waPrefix: string): Promise<{ sent: Sent[]; offeredPerSec: number; ackPerSec: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const total = Math.round(rate * seconds);
  const sent: Sent[] = [];
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  let lastAck = started;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (pending.size >= MAX_IN_FLIGHT) await Promise.race(pending);
    const waId = `${waPrefix}${String(i).padStart(6, "0")}`;
    const body = JSON.stringify(
      messagesNotification({ phoneNumberId: NUMBERS[i % NUMBERS.length]! }, [{ waId, name: `Bench ${i}` }], [inboundMessage(waId, content.text(`hello ${i}`))]),
    );
    const record: Sent = { waId, sentAt: Date.now(), ackMs: null, status: null };
    sent.push(record);
    const t0 = performance.now();
    const request = new Promise<void>((resolve) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, timeout: CLIENT_TIMEOUT_MS, headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(APP_SECRET, body) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            record.status = res.statusCode ?? 0;
            record.ackMs = performance.now() - t0;
            lastAck = performance.now();
            resolve();
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (error: NodeJS.ErrnoException) => {
        record.error = error.code ?? error.message;
        resolve();
      });
      req.end(body);
    });
    pending.add(request);
    void request.then(() => pending.delete(request));
  }
  const offeredPerSec = total / ((performance.now() - started) / 1000);
  await Promise.all(pending);
  agent.destroy();
  const ok = sent.filter((s) => s.status === 200).length;
  return { sent, offeredPerSec, ackPerSec: ok / ((lastAck - started) / 1000) };
}

// ── The run ──────────────────────────────────────────────────────────────────────

async function main() {
  const quick = args.quick;
  const seconds = Number(args.seconds ?? (quick ? 5 : 20));
  const rates = args.rates!.split(",").map(Number);
  const port = Number(args.port);
  const anchorPort = Number(args["anchor-port"]);
  const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${args.database}` }).toString();
  const anchorDb = `${args.database}_anchor`;
  const anchorUrl = Object.assign(new URL(adminUrl), { pathname: `/${anchorDb}` }).toString();

  if (!args["no-build"] || !existsSync(`${DIST_DIR}/BUILD_ID`)) {
    log(`next build into ${DIST_DIR}…`);
    const build = spawnSync("node_modules/.bin/next", ["build"], { env: { ...process.env, NEXT_DIST_DIR: DIST_DIR }, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  for (const name of [args.database!, anchorDb]) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  }
  await admin.end();

  const children: ChildProcess[] = [];
  const cleanup = async () => Promise.all(children.map(stopChild));
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    // As `npm start` runs it: the server compiled by scripts/build-server.mjs, run by plain node.
    const serverDir = `${DIST_DIR}-server`;
    const compiled = spawnSync(process.execPath, ["scripts/build-server.mjs", "--outdir", serverDir], { stdio: "inherit" });
    if (compiled.status !== 0) throw new Error("server build failed");
    const server = await startChild(
      process.execPath,
      [`${serverDir}/server.js`],
      {
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: dbUrl,
        NEXT_DIST_DIR: DIST_DIR,
        NEXTAUTH_SECRET: AUTH_SECRET,
        NEXTAUTH_URL: `http://localhost:${port}`,
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: "bench-verify-token",
        GRAPH_API_URL: "http://127.0.0.1:9",
        FILA_SEED_DEMO: "1",
        PRESENCE_GRACE_SECONDS: "3600",
        REDIS_URL: "",
      },
      "ready on",
    );
    children.push(server);
    const anchor = await startChild("node_modules/.bin/tsx", ["scripts/bench-ingest.ts", "--anchor", "--port", String(anchorPort), "--anchor-url", anchorUrl], {}, "anchor ready");
    children.push(anchor);

    const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
    await sql`UPDATE channel_groups SET max_open_per_agent = NULL, welcome_message = NULL WHERE strategy IN ('balanced', 'sequential')`;
    await sql`UPDATE users SET status = 'online', available_since = now(), away_since = NULL WHERE role = 'agent'`;

    const appUrl = `http://127.0.0.1:${port}/api/webhooks/whatsapp`;
    // Warm-up (JIT, Next's route compilation on first hit), then the idle footprint.
    await offer(appUrl, 20, 2, "5500000");
    await waitProcessed(sql, 30_000);
    await sleep(2_000);
    const idleRssMb = treeRssMb(server.pid!);
    log(`idle RSS ${idleRssMb.toFixed(0)} MB · load ${load()}`);

    let peakRssMb = idleRssMb;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, treeRssMb(server.pid!))), 250);

    type Step = Record<string, number | string>;
    const steps: Step[] = [];
    const ackedByStep: [string[]][] = [];
    for (const [index, rate] of rates.entries()) {
      const prefix = `55${String(index + 1)}9${String(rate).padStart(4, "0")}`;
      const loadBefore = load();
      const stepStart = Date.now();
      const result = await offer(appUrl, rate, seconds, prefix);
      const caughtUp = await waitProcessed(sql, quick ? 60_000 : 120_000);
      const acks = result.sent.filter((s) => s.status === 200);
      ackedByStep.push([acks.map((s) => s.waId)]);
      if (args.trace) {
        mkdirSync(args.trace, { recursive: true });
        const first = result.sent[0]?.sentAt ?? 0;
        writeFileSync(`${args.trace}/app-${rate}.csv`, ["sent_ms,ack_ms,status,error", ...result.sent.map((s) => `${s.sentAt - first},${s.ackMs === null ? "" : s.ackMs.toFixed(1)},${s.status ?? ""},${s.error ?? ""}`)].join("\n"));
      }
      const failures = result.sent.length - acks.length;
      const assigned = await sql<{ waId: string; assignedAt: number }[]>`
        SELECT c.wa_id AS "waId", extract(epoch FROM min(e.created_at)) * 1000 AS "assignedAt"
          FROM assignment_events e JOIN conversations v ON v.id = e.conversation_id JOIN contacts c ON c.id = v.contact_id
         WHERE e.kind = 'auto' AND c.wa_id LIKE ${`${prefix}%`} GROUP BY c.wa_id`;
      const [stored] = await sql<{ bodies: number; messages: number }[]>`
        SELECT (SELECT count(*)::int FROM webhook_events WHERE outcome <> 'rejected' AND raw_body LIKE ${`%"from":"${prefix}%`}) AS bodies,
               (SELECT count(*)::int FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id WHERE c.wa_id LIKE ${`${prefix}%`}) AS messages`;
      const sentAt = new Map(result.sent.map((s) => [s.waId, s.sentAt]));
      const latencies = assigned.map((a) => Number(a.assignedAt) - sentAt.get(a.waId)!);
      const lastAssigned = Math.max(...assigned.map((a) => Number(a.assignedAt)));
      await sleep(quick ? 2_000 : 5_000);
      const step: Step = {
        rate,
        offeredPerSec: round(result.offeredPerSec),
        acked: acks.length,
        refusedOrTimedOut: failures,
        // What the failed ones got: an HTTP status, or the client's error (ECONNRESET, timeout).
        ...(failures > 0 && { failedWith: failedWith(result.sent) }),
        ackPerSec: round(result.ackPerSec),
        // Refused and timed-out requests count as the client timeout.
        ackP50Ms: round(percentile(result.sent.map(ackOrTimeout), 50)),
        ackP99Ms: round(percentile(result.sent.map(ackOrTimeout), 99)),
        storedBodies: stored!.bodies,
        storedMessages: stored!.messages,
        assigned: assigned.length,
        assignedPerSec: round(assigned.length / ((lastAssigned - stepStart) / 1000)),
        assignP50Ms: round(percentile(latencies, 50)),
        assignP99Ms: round(percentile(latencies, 99)),
        caughtUp: caughtUp ? "yes" : "no",
        peakRssMb: Math.round(peakRssMb),
        settledRssMb: Math.round(treeRssMb(server.pid!)),
        load: `${loadBefore} → ${load()}`,
      };
      steps.push(step);
      log(`app ${JSON.stringify(step)}`);
    }
    clearInterval(sampler);

    // The anchor at the same rates.
    const anchorUrlHttp = `http://127.0.0.1:${anchorPort}/`;
    const anchorRates: Record<number, number> = {};
    for (const rate of rates) {
      const result = await offer(anchorUrlHttp, rate, seconds, `56${String(rate).padStart(4, "0")}`);
      const acks = result.sent.filter((s) => s.status === 200);
      anchorRates[rate] = round(result.ackPerSec);
      log(`anchor ${JSON.stringify({ rate, acked: acks.length, refusedOrTimedOut: result.sent.length - acks.length, ackPerSec: round(result.ackPerSec), ackP50Ms: round(percentile(acks.map((s) => s.ackMs!), 50)), ackP99Ms: round(percentile(acks.map((s) => s.ackMs!), 99)), load: load() })}`);
    }

    const realtime = await socketRun(sql, port, appUrl, Number(args["socket-clients"]));
    log(`realtime ${JSON.stringify(realtime)}`);
    await sleep(quick ? 3_000 : 10_000);
    const settledRssMb = treeRssMb(server.pid!);
    log(`settled RSS ${settledRssMb.toFixed(0)} MB (idle ${idleRssMb.toFixed(0)} MB) · load ${load()}`);
    // Nothing lost: once everything is processed, every acknowledged body's message is stored.
    // Until then a missing message may only be waiting its turn: counted as lost only
    // once the queue is empty, else the bodies still waiting are reported instead.
    const caughtUp = await waitProcessed(sql, 120_000);
    let missing = 0;
    for (const [waIds] of ackedByStep) {
      const [row] = await sql<{ n: number }[]>`SELECT count(DISTINCT k.wa_id)::int AS n FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts k ON k.id = v.contact_id WHERE k.wa_id = ANY(${waIds})`;
      missing += waIds.length - row!.n;
    }
    const lost = caughtUp ? missing : null;
    const [waiting] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_events WHERE outcome IN ('received', 'failed')`;
    const unprocessedAtEnd = waiting!.n;
    await sql.end();

    const top = rates[rates.length - 1]!;
    const topStep = steps[steps.length - 1]!;
    const first = steps[0]!;
    console.log(
      JSON.stringify({
        bench: "ingest",
        sustainedAssignedPerSec: Math.max(...steps.map((s) => Number(s.assignedPerSec))),
        ackP99Ms: Math.max(...steps.map((s) => Number(s.ackP99Ms))),
        assignP99Ms: first.assignP99Ms,
        anchorAckPerSec: anchorRates[top],
        ackRatio: Math.round((Number(topStep.ackPerSec) / anchorRates[top]!) * 100) / 100,
        peakRssMb: Math.round(peakRssMb),
        settledRssMb: Math.round(settledRssMb),
        idleRssMb: Math.round(idleRssMb),
        lost,
        unprocessedAtEnd,
        signalsPerClient: realtime.signalsPerClient,
        refetchBatchesPerClient: realtime.flushesPerClient,
        quick,
        load: load(),
      }),
    );
  } finally {
    await cleanup();
  }
}

/** Until no body is left to process (true) or the time is up (false). */
async function waitProcessed(sql: postgres.Sql, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: number; q: number }[]>`
      SELECT (SELECT count(*)::int FROM webhook_events WHERE outcome IN ('received', 'failed')) AS n,
             (SELECT count(*)::int FROM conversations c JOIN channel_groups g ON g.id = c.group_id WHERE c.status = 'queued' AND g.strategy <> 'manual') AS q`;
    if (row!.n === 0 && row!.q === 0) return true;
    await sleep(200);
  }
  return false;
}

/** 20 tabs (the manager and the agents of both groups) while 100 webhooks a second arrive for 5 s. */
async function socketRun(sql: postgres.Sql, port: number, appUrl: string, clients: number) {
  const users = await sql<{ id: number; role: "manager" | "agent"; sv: number }[]>`
    SELECT id, role, session_version AS sv FROM users WHERE role = 'manager' OR id IN (SELECT user_id FROM group_members gm JOIN channel_groups g ON g.id = gm.group_id WHERE g.strategy <> 'manual') ORDER BY id`;
  const sockets: Socket[] = [];
  const counts: { packets: number; signals: number; flushes: number; keys: number }[] = [];
  for (let i = 0; i < clients; i++) {
    const user = users[i % users.length]!;
    const token = await encode({ token: { uid: user.id, role: user.role, sv: user.sv, name: "bench" }, secret: AUTH_SECRET });
    const socket = connectSocket(`http://localhost:${port}`, { transports: ["websocket"], extraHeaders: { cookie: `next-auth.session-token=${token}` }, reconnection: false });
    const count = { packets: 0, signals: 0, flushes: 0, keys: 0 };
    const batcher = createInvalidationBatcher({
      userId: user.id,
      invalidate: (keys) => {
        count.flushes++;
        count.keys += keys.length;
      },
    });
    const take = (signal: RealtimeSignal) => {
      count.signals++;
      batcher.add(signal);
    };
    // "signals" (arrays, coalesced by the server) since issue 18; "signal" (one each) before.
    socket.on("signals", (signals: RealtimeSignal[]) => {
      count.packets++;
      signals.forEach(take);
    });
    socket.on("signal", (signal: RealtimeSignal) => {
      count.packets++;
      take(signal);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    sockets.push(socket);
    counts.push(count);
  }
  await offer(appUrl, 100, 5, "5770000");
  await waitProcessed(sql, 60_000);
  await sleep(2_000);
  for (const s of sockets) s.close();
  const avg = (f: (c: (typeof counts)[number]) => number) => round(counts.reduce((n, c) => n + f(c), 0) / counts.length);
  return { clients, webhooks: 500, packetsPerClient: avg((c) => c.packets), signalsPerClient: avg((c) => c.signals), flushesPerClient: avg((c) => c.flushes), invalidatedKeysPerClient: avg((c) => c.keys), load: load() };
}

if (args.anchor) await runAnchor(Number(args.port), args["anchor-url"]!);
else await main();
