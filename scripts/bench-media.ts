// Memory of the server while media flows (issue 15): 20 documents of 50 MB arrive at once
// as WhatsApp messages, are downloaded from the fake Graph API into PostgreSQL, then
// served to 20 concurrent readers. Streaming (chunks in and out) keeps the server's
// resident memory flat: it should not grow with 1 GB of files passing through.
// Runs the production build (`next build` first) on PORT 4200+10·E2E_SLOT against a
// database of its own on BENCH_DATABASE_URL's server (default the local PostgreSQL), with
// the fake Graph API in this process, and samples the server's RSS from /proc.
//   E2E_SLOT=4 node_modules/.bin/tsx scripts/bench-media.ts [--files 20] [--mb 50]
// Last line: {"bench":"media-memory","files":…,"mb":…,"idleRssMb":…,"peakRssMb":…,"settledRssMb":…,…}
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { encryptSecret } from "@/lib/secrets";
import { startFakeGraph } from "@/dev/fake-graph";
import { content, inboundMessage, messagesNotification, postSignedWebhook } from "@/dev/webhook-payloads";

const { values: flags } = parseArgs({ options: { files: { type: "string", default: "20" }, mb: { type: "string", default: "50" } } });
const files = Number(flags.files);
const mb = Number(flags.mb);
const slot = Number(process.env.E2E_SLOT ?? 0);
const port = 4200 + slot * 10;
const graphPort = port + 1;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = `fila_bench_media_${slot}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const SECRET = "bench-media-nextauth-secret-0123456789";
const APP_SECRET = "bench-media-app-secret";
const VENDAS = { phoneNumberId: "100000000000001", displayPhoneNumber: "+55 11 4000-0001" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process and its children (tsx runs node under it), in MB. */
function rssMb(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    } catch {
      // gone
    }
  };
  visit(pid);
  return Math.round(total);
}

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${database}`);
  await admin.end();

  const fake = await startFakeGraph({ port: graphPort });
  // As `npm start` runs it: one node process (the tsx CLI would add a parent process of its own).
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      FILA_SEED_DEMO: "1",
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: "bench",
      GRAPH_API_URL: fake.url,
      REDIS_URL: "",
    },
  });
  const base = `http://localhost:${port}`;
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    for (let started = Date.now(); ; await sleep(500)) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode} (build first: next build)`);
      if (Date.now() - started > 180_000) throw new Error("the server did not start within 3 minutes");
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
    }
    const [manager] = await sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'manager@fila.test'`;
    // Production on DATABASE_URL: the demo channel needs a token of its own (sealed with the server's key).
    process.env.NEXTAUTH_SECRET = SECRET;
    await sql`UPDATE channels SET access_token_encrypted = ${encryptSecret("bench-access-token")} WHERE phone_number_id = ${VENDAS.phoneNumberId}`;
    // The fake's files first: hashing 1 GB takes a while, and must not stall the requests below.
    const size = mb * 1024 * 1024;
    const held = Array.from({ length: files }, () => fake.media.add({ size, mimeType: "application/pdf", filename: "big.pdf" }));
    const cookie = `next-auth.session-token=${await encode({ token: { uid: manager!.id, role: "manager", name: "manager", sv: 0 }, secret: SECRET })}`;
    // Warm up the routes the bench uses, then let the process settle.
    await fetch(`${base}/api/v1/me`, { headers: { cookie } });
    await fetch(`${base}/api/v1/media/1`, { headers: { cookie } });
    await sleep(3000);
    const idle = rssMb(server.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 100);

    // 20 contacts each send a 50 MB document at once.
    const started = Date.now();
    await Promise.all(
      held.map(async (file, i) => {
        const waId = `5511977${String(i).padStart(6, "0")}`;
        const body = messagesNotification(VENDAS, [{ waId, name: `Bench ${i}` }], [inboundMessage(waId, content.document(`big-${i}.pdf`, undefined, { id: file.id }))]);
        const response = await postSignedWebhook(`${base}/api/webhooks/whatsapp`, APP_SECRET, body);
        if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      }),
    );
    let ready = 0;
    for (; ready < files; await sleep(500)) {
      const [row] = await sql<{ ready: number; failed: number }[]>`
        SELECT count(*) FILTER (WHERE state = 'ready')::int AS ready, count(*) FILTER (WHERE state = 'failed' AND next_attempt_at = 'infinity')::int AS failed FROM media_files`;
      ready = row!.ready;
      if (row!.failed > 0) throw new Error(`${row!.failed} downloads failed for good`);
      if (Date.now() - started > 30 * 60_000) throw new Error("downloads did not finish within 30 minutes");
    }
    const downloadSeconds = (Date.now() - started) / 1000;
    const peakDownloading = peak;

    // 20 readers at once, each the whole file, read as it comes.
    const ids = await sql<{ id: number }[]>`SELECT id::int AS id FROM media_files ORDER BY id`;
    const serveStarted = Date.now();
    const served = await Promise.all(
      ids.map(async ({ id }) => {
        const response = await fetch(`${base}/api/v1/media/${id}`, { headers: { cookie } });
        if (!response.ok || !response.body) throw new Error(`media ${id} answered ${response.status}`);
        let bytes = 0;
        for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) bytes += part.byteLength;
        return bytes;
      }),
    );
    if (served.some((bytes) => bytes !== size)) throw new Error(`a file was served short: ${served.join(", ")}`);
    const serveSeconds = (Date.now() - serveStarted) / 1000;
    await sleep(5000);
    clearInterval(sampler);
    const settled = rssMb(server.pid!);
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    console.log(`server RSS: idle ${idle} MB, peak ${peak} MB (downloading ${peakDownloading} MB), settled ${settled} MB`);
    console.log(`${files} × ${mb} MB downloaded in ${downloadSeconds.toFixed(1)} s, served to ${files} readers at once in ${serveSeconds.toFixed(1)} s; load average ${load}`);
    console.log(
      JSON.stringify({
        bench: "media-memory",
        files,
        mb,
        idleRssMb: idle,
        peakRssMb: peak,
        peakDownloadingRssMb: peakDownloading,
        settledRssMb: settled,
        downloadSeconds: Number(downloadSeconds.toFixed(1)),
        serveSeconds: Number(serveSeconds.toFixed(1)),
        loadAverage: load,
      }),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await sql.end();
    await fake.close();
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await cleanup.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
