// One process: the Next.js handler, Socket.IO on the same HTTP server, presence, and
// the sweep timer (queues, webhook retries). `npm run dev` and `npm start` run this.
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import next from "next";
import { closeDb, getDb } from "@/db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, parseTrustedProxies } from "@/lib/auth/client-address";
import { pruneAttempts } from "@/lib/auth/throttle";
import { sweepQueues } from "@/lib/distribution";
import { configureRuntime, demoDataAllowed, env, EnvError } from "@/lib/env";
import { retryAndDistribute } from "@/lib/inbound/ingest-and-distribute";
import { announceChanges } from "@/lib/realtime/announce";
import { createClusterAdapter } from "@/lib/realtime/cluster-adapter";
import { createPresenceTracker } from "@/lib/realtime/presence";
import { registerEmitter } from "@/lib/realtime/publish";
import { attachSocketServer } from "@/lib/realtime/socket-server";
import { rooms } from "@/lib/realtime/signals";
import { installCrashHandlers } from "@/lib/runtime/crash-handlers";
import { ensureAuthSecret } from "@/lib/runtime/dev-secrets";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { purgeOldWebhookBodies } from "@/lib/whatsapp";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { pruneRateLimitWindows } from "@/lib/api/rate-limit";
import { deliverDueWebhooks, pruneWebhookDeliveries } from "@/lib/webhooks/deliver";

const log = (line: string) => console.log(`[fila] ${line}`);

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
    // Throttling needs the client's address: worked out here from the connection and the
    // hops of trusted proxies only; nothing from outside may set this header.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    handle(req, res);
  });
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
    onTabOpened: (userId) => presence.tabOpened(userId),
    onLastTabClosed: (userId) => presence.lastTabClosed(userId),
  });

  // The safety net: drains what no trigger drained (also after a crash), retries
  // webhook bodies whose processing failed, and notices tabs of a dead instance.
  let sweeping = false;
  let purgedAt = 0;
  const sweep = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      announceChanges(await sweepQueues(db));
      await retryAndDistribute(db);
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
    clearInterval(webhookWorker);
    presence.stop();
    registerEmitter(undefined);
    io.close();
    httpServer.closeAllConnections();
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
