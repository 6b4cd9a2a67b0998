// Benchmark of the reports (npm run bench:reports). Loads 1,000,000 conversations spread
// over a year — each with its assignment events (automatic or taken, some transferred,
// most closed) and three messages, plus a year of agents' status history — into a
// scratch database, generated in SQL. Then times the summary of the last 30 days for all
// groups, one group and one agent, and streams the CSV of the last 30 days (and of the
// whole year, to show that memory stays flat in the number of rows).
// Database: a scratch database created in BENCH_PG_ADMIN_URL (default: the system
// PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end;
// with --embedded, an embedded PostgreSQL under .data/bench-reports instead.
// To iterate on the queries without paying the load each time:
//   --keep            load into `fila_bench_reports` (replacing it) and keep it;
//   --reuse           time the kept `fila_bench_reports` again (migrated first, not reloaded);
//                     BENCH_REUSE_URL=postgres://… does the same for any loaded database;
//   --profile         also time each figure's query alone, one after the other, per filter;
//   --runs=N          summaries per filter (default 20); --no-csv skips the CSV.
// The default (no flag) loads 1,000,000 conversations from scratch and drops them after.
// The last line printed is one JSON object with the figures.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { createDb, type Db } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import {
  assignedByKind,
  closedQuarters,
  conversationsCsv,
  fairness,
  firstResponse,
  liveCounts,
  loadOverTime,
  queueWait,
  receivedCounts,
  reportSummary,
  resolution,
  timeInStatus,
  type ReportFilter,
} from "@/lib/reports";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000_000);
const GROUPS = 10;
const AGENTS = 100;
const CONTACTS = 200_000;
const CHUNK = 100_000;
const flag = (name: string) => process.argv.includes(`--${name}`);
const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice("--runs=".length) ?? 20);
const KEPT = "fila_bench_reports";

const log = (message: string) => console.error(`[bench:reports] ${message}`);

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.argv.includes("--embedded")) {
    const dataDir = path.resolve(".data/bench-reports");
    rmSync(dataDir, { recursive: true, force: true });
    const pg = await startEmbeddedPostgres({ dataDir, port: 54399 });
    return { url: pg.url, drop: () => pg.stop() };
  }
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = flag("keep") || flag("reuse") ? KEPT : `fila_bench_reports_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (flag("reuse")) {
    const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    await admin.end();
    if (!exists) throw new Error(`--reuse: no database ${name}; load one first with --keep`);
    return { url: url.toString(), drop: async () => {} };
  }
  if (flag("keep")) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function load(sql: postgres.Sql) {
  const started = performance.now();
  await sql`
    INSERT INTO channel_groups (name, strategy)
    SELECT 'Group ' || g, (CASE WHEN g <= 4 THEN 'balanced' WHEN g <= 8 THEN 'sequential' ELSE 'manual' END)::strategy
      FROM generate_series(1, ${GROUPS}) g`;
  await sql`INSERT INTO channels (group_id, display_number, phone_number_id) SELECT id, '+55 11 4000-' || lpad(id::text, 4, '0'), 'bench-' || id FROM channel_groups`;
  await sql`INSERT INTO users (name, email, password_hash) SELECT 'Agent ' || i, 'agent' || i || '@bench.test', 'x' FROM generate_series(1, ${AGENTS}) i`;
  // Ten agents per group; every agent is in one group, the first of each in a second one too.
  await sql`
    INSERT INTO group_members (group_id, user_id)
    SELECT g.id, u.id FROM users u JOIN channel_groups g ON g.id = 1 + (u.id - 1) % ${GROUPS}
    UNION
    SELECT g.id, u.id FROM users u JOIN channel_groups g ON g.id = 1 + u.id % ${GROUPS} WHERE u.id <= ${GROUPS}`;
  await sql`INSERT INTO contacts (wa_id, profile_name) SELECT '55119' || lpad(i::text, 8, '0'), 'Contact ' || i FROM generate_series(1, ${CONTACTS}) i`;
  // Bulk load: the rollup triggers are off; the rollups are written below from the same rows.
  await sql`SET session_replication_role = replica`;
  await sql`SET synchronous_commit = off`;
  // A year of statuses: every agent online 08–12, paused 12–13, online 13–18, offline otherwise (UTC).
  await sql`
    INSERT INTO agent_status_history (user_id, status, source, changed_at)
    SELECT u.id, s.status::user_status, 'agent', d + s.at
      FROM users u
      CROSS JOIN generate_series(date_trunc('day', now()) - interval '366 days', date_trunc('day', now()), interval '1 day') d
      CROSS JOIN (VALUES ('online', interval '8 hours'), ('paused', interval '12 hours'), ('online', interval '13 hours'), ('offline', interval '18 hours')) s(status, at)
     WHERE d + s.at < now()`;
  for (let first = 1; first <= CONVERSATIONS; first += CHUNK) {
    const last = Math.min(CONVERSATIONS, first + CHUNK - 1);
    await sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      // One row per conversation with its whole story, then every table from it.
      await tx`
        CREATE TEMP TABLE story ON COMMIT DROP AS
        SELECT i, i / ${GROUPS} AS k, g.id AS group_id, g.strategy, ch.id AS channel_id, (1 + (i::bigint * 7919) % ${CONTACTS})::int AS contact_id,
               created, a.agent, b.agent AS other,
               created + make_interval(secs => 5 + (i * 37) % 600) AS assigned_at,
               ((i / ${GROUPS}) % 10 = 3) AS transferred,
               created + make_interval(secs => 5 + (i * 37) % 600 + 300) AS transferred_at,
               CASE WHEN (i / ${GROUPS}) % 20 <> 7 THEN created + make_interval(secs => 5 + (i * 37) % 600 + 30 + (i * 53) % 3600) END AS responded_at,
               CASE WHEN created < now() - interval '6 hours' OR i % 3 = 0
                    THEN created + make_interval(secs => 5 + (i * 37) % 600 + 3700 + (i * 101) % 14400) END AS closed_at
          FROM generate_series(${first}::int, ${last}::int) i
          CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (i::float8 / ${CONVERSATIONS}) * 365 * 86400 + 3600) AS created) t
          JOIN channel_groups g ON g.id = 1 + i % ${GROUPS}
          JOIN channels ch ON ch.group_id = g.id
          CROSS JOIN LATERAL (SELECT m.user_id AS agent FROM group_members m WHERE m.group_id = g.id ORDER BY m.user_id OFFSET ((i / ${GROUPS}) * 3) % 10 LIMIT 1) a
          CROSS JOIN LATERAL (SELECT m.user_id AS agent FROM group_members m WHERE m.group_id = g.id ORDER BY m.user_id OFFSET ((i / ${GROUPS}) * 3 + 1) % 10 LIMIT 1) b`;
      await tx`
        UPDATE story SET closed_at = CASE WHEN closed_at > now() THEN NULL ELSE closed_at END,
                         responded_at = CASE WHEN responded_at > now() THEN NULL ELSE responded_at END,
                         transferred = transferred AND transferred_at < now()`;
      await tx`
        CREATE TEMP TABLE ids ON COMMIT DROP AS
        WITH ins AS (
          INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, assigned_at, first_response_at,
                                     closed_at, last_inbound_at, last_message_at, created_at, first_assigned_at, first_assignment_kind, transfer_count)
          SELECT contact_id, channel_id, group_id, CASE WHEN closed_at IS NULL THEN 'assigned' ELSE 'closed' END::conversation_status,
                 CASE WHEN transferred THEN other ELSE agent END, created, assigned_at, responded_at, closed_at, created,
                 coalesce(responded_at, created), created, assigned_at,
                 (CASE WHEN strategy = 'manual' THEN 'self' ELSE 'auto' END)::assignment_kind, CASE WHEN transferred THEN 1 ELSE 0 END
            FROM story ORDER BY i
          RETURNING id, created_at)
        SELECT ins.id, s.* FROM ins JOIN story s ON s.created = ins.created_at`;
      await tx`
        INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, to_user_id, created_at)
        SELECT id, group_id, (CASE WHEN strategy = 'manual' THEN 'self' ELSE 'auto' END)::assignment_kind,
               CASE WHEN strategy = 'manual' THEN agent END, NULL, agent, assigned_at FROM ids
        UNION ALL
        SELECT id, group_id, 'transfer'::assignment_kind, agent, agent, other, transferred_at FROM ids WHERE transferred
        UNION ALL
        SELECT id, group_id, 'close'::assignment_kind, CASE WHEN transferred THEN other ELSE agent END, CASE WHEN transferred THEN other ELSE agent END, NULL, closed_at
          FROM ids WHERE closed_at IS NOT NULL`;
      await tx`
        INSERT INTO assignment_spans (conversation_id, group_id, user_id, started_at, ended_at)
        SELECT id, group_id, agent, assigned_at, CASE WHEN transferred THEN transferred_at ELSE closed_at END FROM ids
        UNION ALL
        SELECT id, group_id, other, transferred_at, closed_at FROM ids WHERE transferred`;
      await tx`
        INSERT INTO messages (conversation_id, direction, type, body, author_type, author_user_id, created_at)
        SELECT id, 'in'::message_direction, 'text', 'Olá, preciso de ajuda com o pedido ' || i, 'contact'::message_author, NULL::int, created FROM ids
        UNION ALL
        SELECT id, 'out', 'text', 'Claro! Já vou verificar.', 'user', agent, responded_at FROM ids WHERE responded_at IS NOT NULL
        UNION ALL
        SELECT id, 'in', 'text', 'Obrigado!', 'contact', NULL, coalesce(responded_at, created) + interval '1 minute' FROM ids`;
    });
    log(`loaded ${last.toLocaleString("en-US")} conversations (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await sql`SET session_replication_role = origin`;
  // Twice: a snapshot held elsewhere in the cluster during the first can keep pages from
  // being marked all-visible (index-only scans then visit the heap).
  await sql`VACUUM ANALYZE`;
  await sql`VACUUM`;
  log(`load + vacuum: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function streamCsv(db: Db, filter: ReportFilter) {
  let rows = -1; // the header
  let bytes = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  await pipeline(
    await conversationsCsv(db, filter),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
        done();
      },
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { rows, bytes, seconds, rowsPerSec: rows / seconds, peakRssMb: peakRss / 1024 / 1024 };
}

/**
 * CPU milliseconds spent so far by this process and by the PostgreSQL backends serving this
 * database (from /proc, same machine): unlike wall time, it does not grow with the load
 * other processes put on the machine.
 */
async function cpuMs(sql: postgres.Sql): Promise<number> {
  const pids = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    } catch {
      // a backend that just ended
    }
  }
  const own = process.cpuUsage();
  return ticks * 10 + (own.user + own.system) / 1000; // USER_HZ = 100
}

/** Each figure's query alone (no other query running): median wall ms and CPU ms per run. */
async function profile(db: Db, sql: postgres.Sql, label: string, filter: ReportFilter, agentIds: number[]) {
  const figures: [string, () => Promise<unknown>][] = [
    ["received", () => receivedCounts(db, filter)],
    ["assigned", () => assignedByKind(db, filter)],
    ["queue wait", () => queueWait(db, filter)],
    ["first response", () => firstResponse(db, filter)],
    ["resolution", () => resolution(db, filter)],
    ["closings", () => closedQuarters(db, filter)],
    ["fairness", () => fairness(db, filter)],
    ["time in status", () => timeInStatus(db, filter, agentIds)],
    ["load over time", () => loadOverTime(db, filter)],
    ["live", () => liveCounts(db, filter)],
  ];
  const parts: string[] = [];
  for (const [name, run] of figures) {
    await run();
    const times: number[] = [];
    const runs = Math.min(RUNS, 10);
    const cpuBefore = await cpuMs(sql);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    const cpu = (await cpuMs(sql)) - cpuBefore;
    parts.push(`${name} ${percentile(times, 0.5).toFixed(0)} (cpu ${(cpu / runs).toFixed(0)})`);
  }
  const cpuBefore = await cpuMs(sql);
  for (let i = 0; i < 5; i++) await reportSummary(db, filter);
  log(`  alone, ${label}: whole summary cpu ${((await cpuMs(sql)) - cpuBefore) / 5} ms; per figure, median wall ms (cpu ms): ${parts.join(", ")}`);
}

async function main() {
  // BENCH_REUSE_URL / --reuse: time an already loaded database again (development of the queries).
  const reuse = process.env.BENCH_REUSE_URL ?? (flag("reuse") ? "kept" : undefined);
  const scratch = process.env.BENCH_REUSE_URL ? { url: process.env.BENCH_REUSE_URL, drop: async () => {} } : await scratchDatabase();
  try {
    await migrateDatabase(scratch.url);
    const { db, sql } = createDb(scratch.url, { max: 10 });
    try {
      if (!reuse) await load(sql);
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86400_000);
      const [someGroup] = await sql<{ id: number }[]>`SELECT id FROM channel_groups WHERE strategy = 'balanced' ORDER BY id LIMIT 1`;
      const [someAgent] = await sql<{ id: number }[]>`SELECT user_id AS id FROM group_members WHERE group_id = ${someGroup!.id} ORDER BY user_id LIMIT 1`;
      const filters: [string, ReportFilter][] = [
        ["all groups", { from, to, timeZone: "America/Sao_Paulo" }],
        ["one group", { from, to, groupId: someGroup!.id, timeZone: "America/Sao_Paulo" }],
        ["one agent", { from, to, agentId: someAgent!.id, timeZone: "America/Sao_Paulo" }],
      ];
      const all: number[] = [];
      for (const [label, filter] of filters) {
        const summary = await reportSummary(db, filter); // warm-up
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          await reportSummary(db, filter);
          times.push(performance.now() - started);
        }
        all.push(...times);
        log(`summary, 30 days, ${label}: received ${summary.received}, p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
        if (flag("profile")) await profile(db, sql, label, filter, summary.agents.map((a) => a.agentId));
      }
      if (flag("no-csv")) {
        console.log(JSON.stringify({ bench: "reports", summaryP50Ms: Number(percentile(all, 0.5).toFixed(1)), summaryP95Ms: Number(percentile(all, 0.95).toFixed(1)) }));
        return;
      }
      const month = await streamCsv(db, { from, to });
      log(`CSV, 30 days: ${month.rows} rows, ${(month.bytes / 1e6).toFixed(1)} MB in ${month.seconds.toFixed(2)} s = ${Math.round(month.rowsPerSec)} rows/s, peak RSS ${month.peakRssMb.toFixed(0)} MB`);
      const year = await streamCsv(db, { from: new Date(to.getTime() - 366 * 86400_000), to });
      log(`CSV, 366 days: ${year.rows} rows in ${year.seconds.toFixed(2)} s = ${Math.round(year.rowsPerSec)} rows/s, peak RSS ${year.peakRssMb.toFixed(0)} MB (flat: ${year.peakRssMb < month.peakRssMb * 1.5 ? "yes" : "no"})`);
      const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM conversations`;
      console.log(
        JSON.stringify({
          bench: "reports",
          conversations: n,
          summaryP50Ms: Number(percentile(all, 0.5).toFixed(1)),
          summaryP95Ms: Number(percentile(all, 0.95).toFixed(1)),
          csvRowsPerSec: Math.round(month.rowsPerSec),
          csvPeakRssMb: Number(Math.max(month.peakRssMb, year.peakRssMb).toFixed(0)),
        }),
      );
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    if (!flag("keep")) await scratch.drop();
    else log(`kept ${scratch.url} (time it again with --reuse)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
