// Benchmark of the reports (npm run bench:reports). Loads the history of
// scripts/bench-history.ts (1,000,000 conversations over a year) into a scratch database,
// then times the summary of the last 30 days for all
// groups, one group and one agent, and streams the CSV of the last 30 days (and of the
// whole year, to show that memory stays flat in the number of rows).
// Database: see scripts/bench-history.ts (--embedded, --keep, BENCH_REUSE_URL).
// The last line printed is one JSON object with the figures.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createDb, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { conversationsCsv, reportSummary, type ReportFilter } from "@/lib/reports";
import { loadHistory, percentile, scratchDatabase } from "./bench-history";

const RUNS = 20;

const log = (message: string) => console.error(`[bench:reports] ${message}`);

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

async function main() {
  // BENCH_REUSE_URL: time an already loaded database again (development of the queries).
  const reuse = process.env.BENCH_REUSE_URL;
  const scratch = reuse ? { url: reuse, drop: async () => {} } : await scratchDatabase("bench-reports", 54399);
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
    if (!process.argv.includes("--keep")) await scratch.drop();
    else log(`kept ${scratch.url}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
