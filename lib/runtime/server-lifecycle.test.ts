// The real server.ts as `npm run dev` starts it: embedded PostgreSQL, migrations, seed,
// sign-in page served, and a clean stop of everything on SIGTERM.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = path.join(".data", `lifecycle-test-${process.pid}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function startServer(port: number, pgPort: number) {
  const child = spawn("node_modules/.bin/tsx", ["server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      FILA_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NEXTAUTH_URL: "",
      NEXTAUTH_SECRET: "",
      NEXT_DIST_DIR: `.next-lifecycle-${process.pid}`,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("ready on")) {
        clearInterval(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`server exited: ${output}`));
      }
    }, 100);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

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
    expect(alive(pgPid)).toBe(true);

    first.child.kill("SIGTERM");
    await first.exited;
    for (let i = 0; i < 50 && alive(pgPid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pgPid)).toBe(false);

    // A second start reuses the data: nothing is seeded again.
    const second = await startServer(port, pgPort);
    expect(second.output()).not.toContain("seeded the demo data");
    second.child.kill("SIGINT");
    await second.exited;
    rmSync(`.next-lifecycle-${process.pid}`, { recursive: true, force: true });
  }, 180_000);
});
