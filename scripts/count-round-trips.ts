// What a new conversation costs PostgreSQL (issue 18), counted with postgres.js's debug
// hook on a scratch database (BENCH_PG_URL, default the system PostgreSQL): statements
// and transactions from the stored webhook body to the assigned conversation and its
// signals, for N new contacts (each a body of its own, balanced and sequential groups,
// agents online, no cap, no welcome message):
// - "per body": each body stored by its own INSERT and processed alone, each
//   conversation routed alone — the path before issue 18;
// - "batched": bodies stored by the route's group commit, processed by the ingest
//   queue's batches (INGEST_BATCH, default 20), one route per group per batch.
// Prints a line per path and, last, one JSON object.
import { parseArgs } from "node:util";
import { sql as raw } from "drizzle-orm";
import postgres from "postgres";
import { createDb, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { distributeOpened } from "@/lib/inbound/ingest-and-distribute";
import { followUp, ingestWebhookEvent, processWebhookBatch, receiveWebhook, signBody } from "@/lib/whatsapp";
import { createGroupCommit } from "@/lib/whatsapp/webhook-store";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

const { values: args } = parseArgs({ options: { contacts: { type: "string", default: "200" }, batch: { type: "string", default: "20" } } });
const N = Number(args.contacts);
const BATCH = Number(args.batch);
const SECRET = "count-secret";
const graph = { baseUrl: "http://127.0.0.1:9", version: "v27.0", fallbackAccessToken: "x", retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 1_000 };
const NUMBERS = ["100000000000001", "100000000000002"];

const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = "fila_count_round_trips";
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
await migrateDatabase(url);

const seen = new Map<string, number>();
let statements = 0;
let transactions = 0;
const { db, sql } = createDb(url, {
  max: 10,
  debug: (_connection, query) => {
    statements++;
    if (/^\s*begin/i.test(query)) transactions++;
    if (process.env.COUNT_VERBOSE) seen.set(query.slice(0, 90).replace(/\s+/g, " "), (seen.get(query.slice(0, 90).replace(/\s+/g, " ")) ?? 0) + 1);
  },
});
await seedDemoData(db);
await db.execute(raw`UPDATE channel_groups SET max_open_per_agent = NULL, welcome_message = NULL WHERE strategy <> 'manual'`);
await db.execute(raw`UPDATE users SET status = 'online', available_since = now() WHERE role = 'agent'`);

const body = (run: string, i: number) => {
  const waId = `99${run}${String(i).padStart(8, "0")}`;
  return JSON.stringify(messagesNotification({ phoneNumberId: NUMBERS[i % 2]! }, [{ waId, name: `C ${i}` }], [inboundMessage(waId, content.text(`oi ${i}`))]));
};
const receive = (db: Db, rawBody: string, store?: Parameters<typeof receiveWebhook>[2]["store"]) =>
  receiveWebhook(db, { rawBody: Buffer.from(rawBody), signature: signBody(SECRET, rawBody) }, { appSecret: SECRET, store });

async function measure(label: string, work: () => Promise<void>) {
  statements = 0;
  transactions = 0;
  await work();
  const [assigned] = await db.execute<{ n: number }>(raw`SELECT count(*)::int AS n FROM conversations WHERE status = 'assigned' AND contact_id IN (SELECT id FROM contacts WHERE wa_id LIKE ${`99${label === "per body" ? "1" : "2"}%`})`);
  if (process.env.COUNT_VERBOSE) for (const [q, n] of [...seen].sort((a, b) => b[1] - a[1])) console.log(String(n).padStart(5), q);
  seen.clear();
  const figures = { statementsPerConversation: Math.round((statements / N) * 10) / 10, transactionsPerConversation: Math.round((transactions / N) * 10) / 10, assigned: assigned!.n };
  console.log(`[count-round-trips] ${label}: ${JSON.stringify(figures)}`);
  return figures;
}

const options = { graph, onConversationOpened: distributeOpened(db) };
const perBody = await measure("per body", async () => {
  for (let i = 0; i < N; i++) {
    const receipt = await receive(db, body("1", i));
    if (receipt.accepted) await ingestWebhookEvent(db, receipt.eventId, options);
  }
});
const batched = await measure("batched", async () => {
  const commit = createGroupCommit(db, { maxBatch: BATCH, maxFlushes: 1 });
  for (let start = 0; start < N; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => receive(db, body("2", start + k), commit.store)));
    const batch = await processWebhookBatch(db, { limit: BATCH });
    await followUp(db, batch.result, options, "batch");
  }
});

await sql.end();
await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.end();
console.log(JSON.stringify({ bench: "round-trips", contacts: N, batch: BATCH, perBody, batched }));
