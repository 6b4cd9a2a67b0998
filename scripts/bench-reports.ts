// Benchmark of the reports (npm run bench:reports). Loads 1,000,000 conversations spread
// over a year — each with its assignment events (automatic or taken, some transferred,
// most closed) and three messages, plus a year of agents' status history — into a
// scratch database, generated in SQL. Then times the summary of the last 30 days for all
// groups, one group and one agent (and the page's first figures, the headline), and
// streams the CSV of the last 30 days (and of the whole year, to show that memory stays
// flat in the number of rows).
// Database: a scratch database created in BENCH_PG_ADMIN_URL (default: the system
// PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end;
// with --embedded, an embedded PostgreSQL under .data/bench-reports instead.
// To iterate on the queries without paying the load each time:
//   --keep            load into `fila_bench_reports` (or $BENCH_DB), replacing it, and keep it;
//   --reuse           time the kept `fila_bench_reports` (or $BENCH_DB) again (migrated first, not reloaded);
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
  reportHeadline,
  reportSummary,
  resolution,
  timeInStatus,
  type ReportFilter,
} from "@/lib/reports";
import { waitedWithSomeoneOnline } from "@/lib/reports/waited-online";
import { loadHistory, percentile } from "./bench-history";

const flag = (name: string) => process.argv.includes(`--${name}`);
const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice("--runs=".length) ?? 20);
// BENCH_DB names the kept database (several people benchmarking on one server each keep their own).
const KEPT = process.env.BENCH_DB ?? "fila_bench_reports";

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
    ["waited with someone online", () => waitedWithSomeoneOnline(db, filter, filter)],
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
      if (!reuse) await loadHistory(sql, log);
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
        // The page's first paint (GET /reports/headline): live counts and headline totals of both periods.
        const headlineTimes: number[] = [];
        for (let i = 0; i < Math.min(RUNS, 10); i++) {
          const started = performance.now();
          await reportHeadline(db, filter);
          headlineTimes.push(performance.now() - started);
        }
        log(`  headline, ${label}: p50 ${percentile(headlineTimes, 0.5).toFixed(1)} ms, p95 ${percentile(headlineTimes, 0.95).toFixed(1)} ms`);
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
