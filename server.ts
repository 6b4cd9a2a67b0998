// One process: the Next.js handler, Socket.IO on the same HTTP server, presence, the
// ingest worker (webhook bodies) and the sweep timer (queues, webhook retries).
// `npm run dev` and `npm start` run this.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdirSync } from "node:fs";
import next from "next";
import { closeDb, getDb } from "@/db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, parseTrustedProxies } from "@/lib/auth/client-address";
import { pruneAttempts } from "@/lib/auth/throttle";
import { sweepQueues } from "@/lib/distribution";
import { configureRuntime, demoDataAllowed, env, EnvError } from "@/lib/env";
import { routeTimedOutAndDistribute } from "@/lib/inbound/ingest-and-distribute";
import { startIngestThread } from "@/lib/inbound/ingest-thread";
import { registerIngestWake } from "@/lib/inbound/ingest-worker";
import { answerWebhookPost, WEBHOOK_PATH } from "@/lib/inbound/webhook-endpoint";
import { announceChanges } from "@/lib/realtime/announce";
import { createClusterAdapter } from "@/lib/realtime/cluster-adapter";
import { createPresenceTracker } from "@/lib/realtime/presence";
import { registerEmitter } from "@/lib/realtime/publish";
import { attachSocketServer } from "@/lib/realtime/socket-server";
import { rooms } from "@/lib/realtime/signals";
import { installCrashHandlers } from "@/lib/runtime/crash-handlers";
import { keepClientAbortsQuiet } from "@/lib/http/client-abort";
import { answerUnknownMethod } from "@/lib/http/unknown-method";
import { ensureAuthSecret } from "@/lib/runtime/dev-secrets";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { MAX_WEBHOOK_BYTES, purgeOldWebhookBodies, SIGNATURE_HEADER } from "@/lib/whatsapp";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { pruneRateLimitWindows } from "@/lib/api/rate-limit";
import { deliverDueWebhooks, pruneWebhookDeliveries } from "@/lib/webhooks/deliver";

const log = (line: string) => console.log(`[fila] ${line}`);

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
  const httpServer = createServer((req, res) => {
    // A client going away (a closed tab) is not an error of ours: never an uncaught exception (issue 25 item 11).
    keepClientAbortsQuiet(req, res);
    // TRACE and other methods no route has: 405 with Allow, before Next.js (which answered them 500).
    if (answerUnknownMethod(req, res, WEBHOOK_ANSWER_HEADERS)) return;
    // Throttling needs the client's address: worked out here from the connection and the
    // hops of trusted proxies only; nothing from outside may set this header.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    // Meta's webhooks are answered here, ahead of Next.js: verify, store, answer (issue 18).
    if (req.method === "POST" && req.url?.split("?")[0] === WEBHOOK_PATH) return void answerWebhook(req, res);
    handle(req, res);
  });
  // Idle keep-alive connections are kept longer than clients and load balancers keep
  // theirs (60 s is common): a server that closes one first races a client just sending
  // on it, and that POST fails with ECONNRESET (9 of 16,000 webhooks at 800/s in
  // bench:ingest with Node's 5 s default).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const answerWebhook = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const answer = await answerWebhookPost(
        db,
        { rawBody: await readAtMost(req, MAX_WEBHOOK_BYTES + 1), signature: headerOf(req, SIGNATURE_HEADER), remoteAddr: headerOf(req, CLIENT_ADDRESS_HEADER) },
        config.WHATSAPP_APP_SECRET,
      );
      res.writeHead(answer.status, { "content-type": "application/json", ...WEBHOOK_ANSWER_HEADERS, ...answer.headers }).end(JSON.stringify(answer.body));
    } catch (error) {
      console.error("[fila] webhook request failed:", error);
      if (!res.headersSent) res.writeHead(500, WEBHOOK_ANSWER_HEADERS).end();
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
    onTabOpened: (userId) => presence.tabOpened(userId),
    onLastTabClosed: (userId) => presence.lastTabClosed(userId),
  });

  // Stored webhook bodies are processed in a thread of their own, a bounded batch at a
  // time; the route wakes it (lib/inbound/ingest-thread.ts).
  const ingest = startIngestThread(
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

  // The safety net: drains what no trigger drained (also after a crash) and notices tabs
  // of a dead instance. Webhook bodies due again are the ingest thread's own sweep.
  let sweeping = false;
  let purgedAt = 0;
  const sweep = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      // Menus unanswered past their timeout first: what they route drains with the rest.
      await routeTimedOutAndDistribute(db);
      announceChanges(await sweepQueues(db));
      await presence.reconcile();
      await pruneAttempts(db);
      // Retention of webhook bodies (WEBHOOK_RETENTION_DAYS), every ten minutes.
      if (Date.now() - purgedAt > 10 * 60_000) {
        purgedAt = Date.now();
        await purgeOldWebhookBodies(db, config.WEBHOOK_RETENTION_DAYS);
        await pruneWebhookDeliveries(db, config.WEBHOOK_RETENTION_DAYS);
        await pruneIdempotencyKeys(db);
        await pruneRateLimitWindows(db);
      }
    } catch (error) {
      console.error("[fila] sweep failed:", error);
    } finally {
      sweeping = false;
    }
  }, config.SWEEP_SECONDS * 1000);

  // Outgoing webhooks (SPEC §10): every instance runs the worker; rows are claimed with
  // SKIP LOCKED and a lease, so no two post the same delivery at once.
  let delivering = false;
  const webhookWorker = setInterval(async () => {
    if (delivering) return;
    delivering = true;
    try {
      // A full batch may mean more are due: go on until a pass finds fewer.
      for (let pass = 0; pass < 50; pass++) {
        const run = await deliverDueWebhooks(db, { limit: 20 });
        if (run.delivered + run.retried + run.failed < 20) break;
      }
    } catch (error) {
      console.error("[fila] webhook delivery failed:", error);
    } finally {
      delivering = false;
    }
  }, 1000);

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, resolve));
  log(`ready on http://localhost:${config.PORT} (${dev ? "development" : "production"}, ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}${cluster ? `, ${cluster.kind} adapter` : ""})`);
  if (demoDataAllowed(config)) {
    log(`demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
  }

  // One shutdown, however many ask for it: an error thrown while closing (a signal's
  // stop racing a crash) waits for the same stop instead of exiting past PostgreSQL's.
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string, code = 0) => (stopping ??= stopEverything(signal, code));
  const stopEverything = async (signal: string, code: number) => {
    log(`${signal}: shutting down…`);
    clearInterval(sweep);
    registerIngestWake(undefined);
    clearInterval(webhookWorker);
    presence.stop();
    registerEmitter(undefined);
    io.close();
    httpServer.closeAllConnections();
    // The batches in flight finish (or, past the stop's grace, roll back: their bodies stay stored).
    await Promise.race([ingest.stop(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    await Promise.allSettled([app.close(), cluster?.close(), closeDb()]);
    await database.stop();
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
