// For measurement scripts: the e2e server of this E2E_SLOT (production build, embedded
// PostgreSQL, fake Graph API) — the one already listening, or scripts/e2e-server.ts started.
import { spawn, type ChildProcess } from "node:child_process";
import { E2E } from "../e2e/e2e-env";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${E2E.baseURL}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** The server started here (to stop at the end), or null when one was already up. */
export async function reuseOrStartE2eServer(): Promise<ChildProcess | null> {
  if (await healthy()) {
    console.log(`using the server already on ${E2E.baseURL}`);
    return null;
  }
  console.log(`starting the e2e server on ${E2E.baseURL}…`);
  const child = spawn("node_modules/.bin/tsx", ["scripts/e2e-server.ts"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  for (const started = Date.now(); Date.now() - started < 180_000; await sleep(500)) {
    if (child.exitCode !== null) throw new Error(`the e2e server exited with ${child.exitCode} (was the app built with NEXT_DIST_DIR?)`);
    if (await healthy()) return child;
  }
  child.kill("SIGTERM");
  throw new Error("the e2e server did not become healthy within 3 minutes");
}
