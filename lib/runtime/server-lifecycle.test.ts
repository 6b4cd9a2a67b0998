// The real server.ts as `npm run dev` starts it: embedded PostgreSQL, migrations, seed,
// sign-in page served, and a clean stop of everything on SIGTERM.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, isProcessAlive } from "@/db/processes";
import { startServerProcess } from "@/test/server-process";

const dataDir = path.join(".data", `lifecycle-test-${process.pid}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const startServer = (port: number, pgPort: number) =>
  startServerProcess(
    {
      NODE_ENV: "development",
      EMBEDDED_PG_PORT: String(pgPort),
      FILA_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NEXTAUTH_URL: "",
      NEXTAUTH_SECRET: "",
      NEXT_DIST_DIR: `.next-lifecycle-${process.pid}`,
    },
    port,
  );

describe("server.ts", () => {
  it("starts on an empty machine, seeds once, serves the sign-in page and stops PostgreSQL on SIGTERM", async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = await startServer(port, pgPort);
    expect(first.output()).toContain("seeded the demo data");
    expect(first.output()).toContain("manager@fila.test");
    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
    const login = await fetch(`http://localhost:${port}/login`);
    expect(login.status).toBe(200);
    const pgPid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    expect(isProcessAlive(pgPid)).toBe(true);

    await first.stop("SIGTERM");
    // PostgreSQL stops with the app; a loaded machine only makes that slower.
    await expect.poll(() => isProcessAlive(pgPid), { timeout: 300_000, interval: 200 }).toBe(false);

    // A second start reuses the data: nothing is seeded again.
    const second = await startServer(port, pgPort);
    expect(second.output()).not.toContain("seeded the demo data");
    await second.stop("SIGINT");
    rmSync(`.next-lifecycle-${process.pid}`, { recursive: true, force: true });
  }, 10 * 60_000);
});
