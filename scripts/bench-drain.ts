// The ingest worker alone (issue 18): stores N signed-shape webhook bodies (a new contact
// each, alternating between Vendas and Suporte) while no worker runs, then starts the
// worker as server.ts does (INGEST_CONCURRENCY, INGEST_BATCH, prepared queries) and
// times the drain until every conversation is assigned — processing and distribution
// without HTTP or the acknowledgement competing for the machine.
// Database: BENCH_DRAIN_URL, default the one `npm run bench:ingest` leaves
// (postgres://postgres@127.0.0.1:5432/fila_bench_ingest: seeded, agents online, no cap,
// no welcome). Its open conversations are closed first, so agents start without load.
// Usage: node --import tsx scripts/bench-drain.ts [--bodies 3000]. Last line: JSON.
import { parseArgs } from "node:util";
import { createDb, withPreparedQueries } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startIngestWorker } from "@/lib/inbound/ingest-worker";
import { env } from "@/lib/env";
import { insertAcceptedBodies } from "@/lib/whatsapp/receive-webhook";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

const { values: args } = parseArgs({ options: { bodies: { type: "string", default: "3000" } } });
const N = Number(args.bodies);
const url = process.env.BENCH_DRAIN_URL ?? "postgres://postgres@127.0.0.1:5432/fila_bench_ingest";
const NUMBERS = ["100000000000001", "100000000000002"]; // Vendas (balanced), Suporte (sequential)

await migrateDatabase(url);
const { db, sql } = createDb(url, { max: 20 });
await sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE status <> 'closed'`;
await sql`VACUUM ANALYZE conversations`;
const prefix = `5598${String(Date.now() % 1_000_000).padStart(6, "0")}`;
const bodies = Array.from({ length: N }, (_, i) => {
  const waId = `${prefix}${String(i).padStart(6, "0")}`;
  const number = NUMBERS[i % NUMBERS.length]!;
  const rawBody = JSON.stringify(messagesNotification({ phoneNumberId: number }, [{ waId, name: `Drain ${i}` }], [inboundMessage(waId, content.text(`hello ${i}`))]));
  return { rawBody, signature: null, remoteAddr: null, orderKey: `${number}:${waId}` };
});
for (let i = 0; i < N; i += 200) await insertAcceptedBodies(db, bodies.slice(i, i + 200));

const { INGEST_CONCURRENCY, INGEST_BATCH } = env();
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const cpu = process.cpuUsage();
const started = performance.now();
const worker = startIngestWorker(withPreparedQueries(db), { concurrency: INGEST_CONCURRENCY, batchSize: INGEST_BATCH, pollMs: 50 });
for (;;) {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id
     WHERE k.wa_id >= ${prefix} AND k.wa_id < ${`${prefix}~`} AND c.status = 'assigned'`;
  if (row!.n >= N) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
clearInterval(sampler);
await worker.stop();
await sql.end();
console.log(
  JSON.stringify({
    bench: "drain",
    bodies: N,
    seconds: Number(seconds.toFixed(2)),
    assignedPerSec: Number((N / seconds).toFixed(1)),
    nodeCpuMsPerConversation: Number(((used.user + used.system) / 1000 / N).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1048576),
  }),
);
