// A hostile body (issue 25 item 4): an authenticated agent POSTs 128 MB of "JSON" with
// Transfer-Encoding: chunked (no Content-Length) and an Idempotency-Key to a JSON route.
// The server must stop reading at the route's limit and answer 413 at once, its memory
// flat. Runs the development server (server.ts, as `npm run dev`) on PORT 4200+10·E2E_SLOT
// against a database of its own on BENCH_DATABASE_URL's server (default the local
// PostgreSQL), and samples the server's RSS from /proc.
//   E2E_SLOT=2 npm run bench:chunked [-- --mb 128]
// Last line: {"bench":"chunked-body","bytesSent":…,"status":…,"refusedAfterMs":…,"rssGrowthMb":…}
import { spawn } from "node:child_process";
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import postgres from "postgres";

const { values: flags } = parseArgs({ options: { mb: { type: "string", default: "128" } } });
const totalBytes = Number(flags.mb) * 1024 * 1024;
const slot = Number(process.env.E2E_SLOT ?? 0);
const port = 4200 + slot * 10;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = `fila_bench_chunked_${slot}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const SECRET = "bench-chunked-nextauth-secret-0123456789";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process and its children, in MB. */
function rssMb(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) / 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    } catch {
      // gone
    }
  };
  visit(pid);
  return Math.round(total);
}

/** Streams `totalBytes` of a JSON string in 1 MB chunks until the server answers (or all is sent). */
function chunkedPost(path: string, headers: Record<string, string>): Promise<{ status: number; bytesSent: number; ms: number }> {
  const chunk = Buffer.alloc(1024 * 1024, "a");
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const req = request({ host: "localhost", port, path, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      const ms = Date.now() - started;
      res.resume();
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, bytesSent: sent, ms });
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const part = sent === 0 ? Buffer.concat([Buffer.from('{"text":"'), chunk.subarray(9)]) : chunk;
        sent += part.byteLength;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      if (!answered) req.end('"}');
    };
    pump();
  });
}

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${database}`);
  await admin.end();

  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      FILA_SEED_DEMO: "1",
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      REDIS_URL: "",
    },
  });
  const base = `http://localhost:${port}`;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    for (let started = Date.now(); ; await sleep(500)) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
      if (Date.now() - started > 300_000) throw new Error("the server did not start within 5 minutes");
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    }
    const [agent] = await sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'ana@fila.test'`;
    const [conversation] = await sql<{ id: number }[]>`SELECT id FROM conversations WHERE assignee_id = ${agent!.id} ORDER BY id LIMIT 1`;
    const cookie = `next-auth.session-token=${await encode({ token: { uid: agent!.id, role: "agent", name: "ana", sv: 0 }, secret: SECRET })}`;
    const path = `/api/v1/conversations/${conversation?.id ?? 1}/messages`;
    // Compile and warm the route (development compiles on first use), then let the process settle.
    for (let i = 0; i < 3; i++) {
      await fetch(`${base}${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: "{}" });
    }
    await sleep(5000);
    const idle = rssMb(server.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 50);
    const result = await chunkedPost(path, { cookie, "content-type": "application/json", "idempotency-key": `bench-${Date.now()}` });
    await sleep(2000);
    clearInterval(sampler);
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    console.log(`server RSS: idle ${idle} MB, peak ${peak} MB; load average ${load}`);
    console.log(
      JSON.stringify({ bench: "chunked-body", bytesSent: result.bytesSent, status: result.status, refusedAfterMs: result.ms, rssGrowthMb: peak - idle }),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await sql.end();
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await cleanup.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
