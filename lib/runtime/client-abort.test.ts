// A client going away is never a reason to stop the server (issue 25 item 11): a browser
// tab closed while its request was on the way — a POST through proxy.ts (a server
// action), its body half sent — once escaped as "uncaught exception: Error: aborted" in
// development and the crash handler stopped the process. The development server here;
// the production build's is e2e/client-abort.spec.ts.
import { afterAll, describe, expect, it, inject } from "vitest";
import { rmSync } from "node:fs";
import postgres from "postgres";
import { freePort } from "@/db/processes";
import { startServerProcess, type ServerProcess } from "@/test/server-process";
import { encodeSessionToken } from "@/test/session-token";
import { abortRequests } from "@/test/abort-requests";

const SECRET = "client-abort-test-secret";
const adminUrl = inject("pgAdminUrl");
const database = `fila_client_abort_${process.pid}`;
const distDir = `.next-client-abort-${process.pid}`;
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(distDir, { recursive: true, force: true });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

describe("a client that goes away mid-request (development server)", () => {
  it("never stops the process: after many aborted POSTs and GETs it still answers", async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
    const port = await freePort();
    server = await startServerProcess(
      { NODE_ENV: "development", DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: `http://localhost:${port}`, NEXT_DIST_DIR: distDir, REDIS_URL: "" },
      port,
    );
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [ana] = await sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'ana@fila.test'`;
    await sql.end();
    const cookie = `next-auth.session-token=${await encodeSessionToken({ token: { uid: ana!.id, role: "agent", name: "Ana", sv: 0 }, secret: SECRET })}`;
    // Cold (pages compiling while clients leave), then again warm.
    await abortRequests({ port, cookie, rounds: 2 });
    await abortRequests({ port, cookie, rounds: 3 });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toContain("uncaught exception");
    expect(server.output()).not.toContain("went away");
    await expect.poll(async () => (await fetch(`http://localhost:${port}/api/health`)).json(), { timeout: 300_000 }).toEqual({ ok: true });
  }, 10 * 60_000);
});
