// Starts what the e2e suite runs against: the production server, compiled as `npm run
// build` compiles it (scripts/build-server.mjs) and run by plain node, on its own port, with
// its own fresh data folder (embedded PostgreSQL), a short presence grace period, and
// a fake Graph API on loopback that posts delivery statuses back as signed webhooks.
// Playwright's webServer runs this and stops it with SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { startFakeGraph } from "@/dev/fake-graph";
import { E2E } from "../e2e/e2e-env";

rmSync(E2E.dataDir, { recursive: true, force: true });

const graph = await startFakeGraph({
  port: E2E.graphPort,
  statusCallbacks: { webhookUrl: E2E.webhookURL, appSecret: E2E.appSecret },
});

// Compiled here (well under a minute) rather than found in dist/: the suite always runs
// the code it tests, in a folder of its own slot.
const serverDir = `${E2E.dataDir}-server`;
const compiled = spawnSync("node", ["scripts/build-server.mjs", "--outdir", serverDir], { stdio: "inherit" });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const child = spawn("node", [`${serverDir}/server.js`], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(E2E.port),
    FILA_DATA_DIR: E2E.dataDir,
    EMBEDDED_PG_PORT: String(E2E.pgPort),
    NEXTAUTH_URL: E2E.baseURL,
    PRESENCE_GRACE_SECONDS: String(E2E.presenceGraceSeconds),
    SWEEP_SECONDS: "1",
    POLICY_MINUTE_SECONDS: String(E2E.policyMinuteSeconds),
    // The specs' webhook receiver listens on this machine.
    WEBHOOK_ALLOW_PRIVATE_URLS: "1",
    GRAPH_API_URL: E2E.graphURL,
    WHATSAPP_APP_SECRET: E2E.appSecret,
    WHATSAPP_VERIFY_TOKEN: E2E.verifyToken,
    NEXTAUTH_SECRET: E2E.nextAuthSecret,
    // Production mode on the embedded database: the demo data only because we ask for it.
    FILA_SEED_DEMO: "1",
    DATABASE_URL: "",
    REDIS_URL: "",
  },
});

const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
child.on("exit", async (code) => {
  await graph.close();
  process.exit(code ?? 0);
});
