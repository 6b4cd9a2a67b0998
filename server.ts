// One process: the Next.js handler, Socket.IO on the same HTTP server, presence, the
// ingest worker (webhook bodies) and the sweep timer (queues, webhook retries).
// `npm run dev` and `npm start` run this.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdirSync } from "node:fs";
import next from "next";
import { closeDb, currentPool, getDb, poolWaiting } from "@/db/client";
import { withRequestId } from "@/db/request-context";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, parseTrustedProxies } from "@/lib/auth/client-address";
import { pruneAttempts } from "@/lib/auth/throttle";
import { drainGroups, drainQueuedGroups, requeueByTimers } from "@/lib/distribution";
import { configureRuntime, demoDataAllowed, env, EnvError } from "@/lib/env";
import { routeTimedOutAndDistribute } from "@/lib/inbound/ingest-and-distribute";
import { startIngestThread } from "@/lib/inbound/ingest-thread";
import { registerIngestWake } from "@/lib/inbound/ingest-worker";
import { registerWhatIfRunner } from "@/lib/what-if/what-if-thread";
import { createWhatIfRunner } from "@/lib/what-if/what-if-worker";
import { answerWebhookPost, WEBHOOK_PATH } from "@/lib/inbound/webhook-endpoint";
import { announce, announceChanges } from "@/lib/realtime/announce";
import { createClusterAdapter } from "@/lib/realtime/cluster-adapter";
import { createPresenceTracker } from "@/lib/realtime/presence";
import { registerEmitter } from "@/lib/realtime/publish";
import { attachSocketServer } from "@/lib/realtime/socket-server";
import { rooms } from "@/lib/realtime/signals";
import { installCrashHandlers } from "@/lib/runtime/crash-handlers";
import { keepClientAbortsQuiet } from "@/lib/http/client-abort";
import { answerUnknownMethod } from "@/lib/http/unknown-method";
import { reportJob, startJobs } from "@/lib/runtime/jobs";
import { logger, REQUEST_ID_HEADER, requestIdOf } from "@/lib/runtime/logger";
import { createMetrics } from "@/lib/runtime/metrics";
import { registerObserver } from "@/lib/runtime/observe";
import { answerMetrics, answerReady, METRICS_PATH, migrationsKnown, READY_PATH } from "@/lib/runtime/ops-endpoints";
import { recordBreaches } from "@/lib/service-levels/breaches";
import { ensureAuthSecret } from "@/lib/runtime/dev-secrets";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { warmRoutes } from "@/lib/runtime/warm-routes";
import { MAX_WEBHOOK_BYTES, purgeOldWebhookBodies, SIGNATURE_HEADER } from "@/lib/whatsapp";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { answerApiMethod } from "@/lib/api/method-not-allowed";
import { pruneRateLimitWindows } from "@/lib/api/rate-limit";
import { deliverDueWebhooks, pruneWebhookDeliveries } from "@/lib/webhooks/deliver";

const log = (line: string) => logger.info(line);

const SHUTDOWN_LIMIT_MS = 9_000;
const RETENTION_EVERY_MS = 10 * 60_000;

// What next.config.ts puts on every answer, for the answers server.ts writes itself (webhooks, unknown methods).
const WEBHOOK_ANSWER_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

const headerOf = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
};

/** The raw bytes (the signature covers them), never more than `limit` kept: the rest is read and dropped. */
function readAtMost(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size >= limit) return;
      chunks.push(chunk);
      size += chunk.byteLength;
    });
    req.on("end", () => resolve(Buffer.concat(chunks).subarray(0, limit)));
    req.on("error", reject);
  });
}

async function main() {
  const config = env();
  const dev = config.NODE_ENV !== "production";
  mkdirSync(config.FILA_DATA_DIR, { recursive: true });
  const secret = ensureAuthSecret(config.FILA_DATA_DIR, config.NEXTAUTH_SECRET);
  const publicUrl = config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`;
  configureRuntime({ NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl });

  const database = await prepareDatabase(config, log);
  // The demo logins are shown only where the demo data may be (development, or FILA_SEED_DEMO=1).
  configureRuntime({ DATABASE_URL: database.url, FILA_DEMO: demoDataAllowed(config) });
  const db = getDb();
  if (database.seeded) log("seeded the demo data");

  const app = next({ dev, hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();

  const trustedProxies = parseTrustedProxies(config.TRUSTED_PROXIES);
  let shuttingDown = false;
  const httpServer = createServer((req, res) => {
    // A client going away (a closed tab) is not an error of ours: never an uncaught exception (issue 25 item 11).
    keepClientAbortsQuiet(req, res);
    // TRACE and other methods no route has: 405 with Allow, before Next.js (which answered them 500).
    // Under /api/v1, a method the path does not have: 405 with the path's own Allow (lib/api/method-not-allowed.ts).
    if (answerApiMethod(req, res, WEBHOOK_ANSWER_HEADERS)) return;
    if (answerUnknownMethod(req, res, WEBHOOK_ANSWER_HEADERS)) return;
    // Throttling needs the client's address: worked out here from the connection and the
    // hops of trusted proxies only; nothing from outside may set this header.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    // One log line per request, under the id a load balancer gave it (or a new one).
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    res.once("close", () =>
      logger.info({ requestId, method: req.method, path: req.url?.split("?")[0], status: res.statusCode, ms: Math.round(performance.now() - started) }, "request"),
    );
    const path = req.url?.split("?")[0];
    // Meta's webhooks are answered here, ahead of Next.js: verify, store, answer (issue 18).
    if (req.method === "POST" && path === WEBHOOK_PATH) return void answerWebhook(req, res, requestId);
    if (req.method === "GET" && path === READY_PATH) return void answerOps(res, answerReady(readiness));
    if (req.method === "GET" && path === METRICS_PATH) {
      const clientAddress = headerOf(req, CLIENT_ADDRESS_HEADER);
      return void answerOps(res, answerMetrics(metrics, { clientAddress, authorization: headerOf(req, "authorization"), token: config.METRICS_TOKEN }));
    }
    // Within the request, every transaction names it (db/request-context.ts): the outgoing webhooks it causes carry the id.
    withRequestId(requestId, () => handle(req, res));
  });
  const answerOps = async (res: ServerResponse, answer: ReturnType<typeof answerReady>) => {
    try {
      const { status, headers, body } = await answer;
      res.writeHead(status, { ...WEBHOOK_ANSWER_HEADERS, ...headers }).end(body);
    } catch (error) {
      logger.error({ err: error }, "ops endpoint failed");
      if (!res.headersSent) res.writeHead(500, WEBHOOK_ANSWER_HEADERS).end();
    }
  };
  // Idle keep-alive connections are kept longer than clients and load balancers keep
  // theirs (60 s is common): a server that closes one first races a client just sending
  // on it, and that POST fails with ECONNRESET (9 of 16,000 webhooks at 800/s in
  // bench:ingest with Node's 5 s default).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const answerWebhook = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const started = performance.now();
    try {
      const answer = await answerWebhookPost(
        db,
        { rawBody: await readAtMost(req, MAX_WEBHOOK_BYTES + 1), signature: headerOf(req, SIGNATURE_HEADER), remoteAddr: headerOf(req, CLIENT_ADDRESS_HEADER), requestId },
        config.WHATSAPP_APP_SECRET,
      );
      res.writeHead(answer.status, { "content-type": "application/json", ...WEBHOOK_ANSWER_HEADERS, ...answer.headers }).end(JSON.stringify(answer.body));
      if (answer.eventId !== undefined) ingest.noteRequest(answer.eventId, requestId);
      metrics.webhookAck((performance.now() - started) / 1000, answer.status === 200 ? "stored" : answer.status < 500 ? "refused" : "error");
    } catch (error) {
      logger.error({ requestId, err: error }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500, WEBHOOK_ANSWER_HEADERS).end();
      metrics.webhookAck((performance.now() - started) / 1000, "error");
    }
  };
  httpServer.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io")) upgradeNext(req, socket, head);
  });

  const cluster = await createClusterAdapter({ redisUrl: config.REDIS_URL, databaseUrl: database.url, embedded: database.embedded });
  // hasTabs runs only after io exists (on a disconnect or a sweep).
  const presence = createPresenceTracker({
    db,
    graceSeconds: config.PRESENCE_GRACE_SECONDS,
    hasTabs: async (userId) => (await io.in(rooms.user(userId)).fetchSockets()).length > 0,
  });
  const io = attachSocketServer(httpServer, {
    db,
    secret,
    allowedOrigins: [new URL(publicUrl).origin],
    adapter: cluster?.adapter,
    coalesceMs: config.REALTIME_COALESCE_MS,
    onTabOpened: (userId) => void presence.tabOpened(userId),
    onLastTabClosed: (userId) => presence.lastTabClosed(userId),
  });

  // Stored webhook bodies are processed in a thread of their own, a bounded batch at a
  // time; the route wakes it (lib/inbound/ingest-thread.ts).
  const ingest = await startIngestThread(
    {
      runtime: { DATABASE_URL: database.url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl },
      concurrency: config.INGEST_CONCURRENCY,
      batchSize: config.INGEST_BATCH,
      pollMs: config.INGEST_POLL_MS,
      sweepMs: config.SWEEP_SECONDS * 1000,
    },
    log,
  );
  registerIngestWake(ingest.wake);
  // What-if replays run in a thread each, one at a time (lib/what-if/what-if-thread.ts);
  // resolved here, where the entry sits beside this module (dist/ once built).
  registerWhatIfRunner(createWhatIfRunner());

  const metrics = createMetrics({
    db,
    socketConnections: () => io.engine.clientsCount,
    poolWaiting: () => ({ main: poolWaiting(currentPool()), ingest: ingest.poolWaiting() }),
  });
  registerObserver({ decision: metrics.decision, job: (o) => metrics.job(o.job, o.outcome, o.seconds) });
  const readiness = { db, migrations: migrationsKnown(), ingestRunning: ingest.running, stopping: () => shuttingDown };

  // The periodic jobs, each on its own timer (lib/runtime/jobs.ts): one failing never
  // stops another. Webhook bodies due again, welcomes and media are the ingest thread's.
  const sweepMs = config.SWEEP_SECONDS * 1000;
  const jobs = startJobs(
    [
      // The safety net: menus unanswered past their timeout are routed, then every queue
      // drains what no trigger drained (also after a crash).
      {
        name: "drain sweep",
        everyMs: sweepMs,
        run: async () => {
          await routeTimedOutAndDistribute(db);
          announceChanges(await drainQueuedGroups(db));
        },
      },
      // Away and no-reply timers requeue what is due; their groups drain at once.
      {
        name: "policy timers",
        everyMs: sweepMs,
        run: async () => {
          const changes = await requeueByTimers(db);
          announceChanges({ changes });
          if (changes.length > 0) announceChanges(await drainGroups(db, changes.map((c) => c.groupId)));
        },
      },
      // Targets passed unmet (docs/behaviour.md#service-levels): each marked once, with its
      // sla.breached webhook queued in the same statement, and alerted to managers in the app.
      {
        name: "service-level breaches",
        everyMs: sweepMs,
        run: async () => {
          const breaches = await recordBreaches(db);
          announce(...breaches.map((b) => ({ type: "sla.breached" as const, conversationId: b.conversationId, groupId: b.groupId, target: b.target })));
        },
      },
      // Notices tabs of a dead instance.
      { name: "presence", everyMs: sweepMs, run: () => presence.reconcile() },
      // WEBHOOK_RETENTION_DAYS for webhook bodies and deliveries; throttle, idempotency and rate windows past use.
      {
        name: "retention",
        everyMs: RETENTION_EVERY_MS,
        firstAfterMs: sweepMs,
        run: async () => {
          await pruneAttempts(db);
          await purgeOldWebhookBodies(db, config.WEBHOOK_RETENTION_DAYS);
          await pruneWebhookDeliveries(db, config.WEBHOOK_RETENTION_DAYS);
          await pruneIdempotencyKeys(db);
          await pruneRateLimitWindows(db);
        },
      },
      // Outgoing webhooks (docs/behaviour.md): every instance runs it; rows are claimed with
      // SKIP LOCKED and a lease, so no two post the same delivery at once. A full batch may
      // mean more are due: go on until a pass finds fewer.
      {
        name: "webhook outbox",
        everyMs: 1_000,
        run: async () => {
          for (let pass = 0; pass < 50; pass++) {
            const run = await deliverDueWebhooks(db, { limit: 20, onDelivery: (report) => logger.info(report, "webhook delivery") });
            if (run.delivered + run.retried + run.failed < 20) break;
          }
        },
      },
    ],
    reportJob(metrics),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, resolve));
  // The logins before "ready on": whoever waits for that line (a person, a test) has them.
  if (demoDataAllowed(config)) {
    log(`demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
  }
  log(`ready on http://localhost:${config.PORT} (${dev ? "development" : "production"}, ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}${cluster ? `, ${cluster.kind} adapter` : ""})`);
  // `npm run dev` passes --warm-up: the main routes compile now rather than on a person's first click.
  if (dev && process.argv.includes("--warm-up")) {
    log("warm-up: compiling the main pages in the background (the app answers meanwhile)…");
    void warmRoutes(db, { baseUrl: `http://localhost:${config.PORT}`, secret, log });
  }

  // One shutdown, however many ask for it: an error thrown while closing (a signal's
  // stop racing a crash) waits for the same stop instead of exiting past PostgreSQL's.
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string, code = 0) => (stopping ??= stopEverything(signal, code));
  // Within 10 s of SIGTERM (docs/operations.md#stopping), the grace most supervisors give
  // before SIGKILL: each step has its share, and at 9 s the process exits whatever is left.
  const stopEverything = async (signal: string, code: number) => {
    log(`${signal}: shutting down…`);
    shuttingDown = true;
    setTimeout(() => {
      log("shutdown: still stopping after 9 s, exiting now");
      process.exit(code || 1);
    }, SHUTDOWN_LIMIT_MS).unref();
    // No new connections; idle keep-alive ones close, requests in flight are answered.
    httpServer.close();
    httpServer.closeIdleConnections();
    const jobsStopped = jobs.stop();
    registerIngestWake(undefined);
    presence.stop();
    // The batches in flight finish (or, past their share, roll back: their bodies stay
    // queued for the next claim) and the welcomes they send are settled.
    await ingest.stop(4_000);
    await Promise.race([jobsStopped, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    registerEmitter(undefined);
    io.close();
    httpServer.closeAllConnections();
    await Promise.allSettled([app.close(), cluster?.close(), closeDb()]);
    // A fast shutdown; past 3 s an immediate one (db/embedded.ts).
    await database.stop(3_000);
    process.exit(code);
  };
  // Never half-alive: an uncaught error stops the process (status 1) for its supervisor to restart.
  installCrashHandlers({ log, stop: () => shutdown("fatal error", 1), graceMs: 30_000 });
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof EnvError) console.error(`[fila] ${error.message}`);
  else console.error("[fila] failed to start:", error);
  process.exit(1);
});
