// Benchmark of the inbox's lists (npm run bench:inbox): the history of
// scripts/bench-history.ts (1,000,000 conversations over a year, three messages each),
// a few hundred of the latest put back in the queue, then the p95 of the list endpoint's
// query function (readInbox: a page of 50 with its total, the tab counts and the unread
// counts) for Mine (an agent), Queue (that agent), All and All with any status (a
// manager), and a message search over the whole history.
// Database: see scripts/bench-history.ts (--embedded, --keep, BENCH_REUSE_URL).
// The last line printed is one JSON object with the figures.
import { createDb, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type { Actor } from "@/lib/auth/permissions";
import { readInbox, type InboxQuery } from "@/lib/inbox/inbox-reads";
import { loadHistory, percentile, scratchDatabase } from "./bench-history";

const RUNS = 40;
const QUEUED = 300;

const log = (message: string) => console.error(`[bench:inbox] ${message}`);

async function time(db: Db, label: string, viewer: Actor, query: InboxQuery) {
  query = { limit: 50, ...query };
  const first = await readInbox(db, viewer, query); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await readInbox(db, viewer, query);
    times.push(performance.now() - started);
  }
  const p95 = percentile(times, 0.95);
  log(`${label}: ${first.items.length} rows of ${first.total}${first.totalCapped ? "+" : ""}, p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  return { p95: Number(p95.toFixed(1)), first };
}

async function main() {
  const reuse = process.env.BENCH_REUSE_URL;
  const scratch = reuse ? { url: reuse, drop: async () => {} } : await scratchDatabase("bench-inbox", 54398);
  try {
    await migrateDatabase(scratch.url);
    const { db, sql } = createDb(scratch.url, { max: 10 });
    try {
      if (!reuse) {
        await loadHistory(sql, log);
        // The latest open conversations wait in the queue again (the loader assigns them all).
        await sql`
          UPDATE conversations SET status = 'queued', assignee_id = NULL, assigned_at = NULL
           WHERE id IN (SELECT id FROM conversations WHERE status = 'assigned' AND id % 2 = 0 ORDER BY id DESC LIMIT ${QUEUED})`;
        await sql`INSERT INTO users (name, email, password_hash, role) VALUES ('Bench Manager', 'manager@bench.test', 'x', 'manager') ON CONFLICT DO NOTHING`;
        await sql`ANALYZE`;
      }
      const [manager] = await sql<Actor[]>`SELECT id, role FROM users WHERE role = 'manager' ORDER BY id LIMIT 1`;
      // The agent with the most open conversations: the fullest Mine.
      const [agent] = await sql<Actor[]>`
        SELECT u.id, u.role FROM users u JOIN conversations c ON c.assignee_id = u.id
         WHERE u.role = 'agent' GROUP BY u.id, u.role ORDER BY count(*) FILTER (WHERE c.status = 'assigned') DESC, count(*) DESC, u.id LIMIT 1`;
      const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM conversations`;
      log(`${n.toLocaleString("en-US")} conversations; agent ${agent!.id}, manager ${manager!.id}`);

      const mine = await time(db, "Mine (agent)", agent!, { tab: "mine" });
      const queue = await time(db, "Queue (agent)", agent!, { tab: "queue" });
      const all = await time(db, "All (manager)", manager!, { tab: "all" });
      const allAny = await time(db, "All, any status (manager)", manager!, { tab: "all", status: "any" });
      // A word said in one conversation in a thousand, over the whole history.
      const search = await time(db, 'search "reembolso", any status (manager)', manager!, { tab: "all", status: "any", q: "reembolso" });
      // For the record (not in the line): a word said in one conversation in eight, and a deep page.
      await time(db, 'search "boletos", any status (manager)', manager!, { tab: "all", status: "any", q: "boletos" });
      let cursor = allAny.first.nextCursor;
      for (let page = 0; page < 20 && cursor; page++) cursor = (await readInbox(db, manager!, { tab: "all", status: "any", cursor })).nextCursor;
      if (cursor) await time(db, "All, any status, page 21 (manager)", manager!, { tab: "all", status: "any", cursor });

      console.log(
        JSON.stringify({
          bench: "inbox",
          conversations: n,
          mineP95Ms: mine.p95,
          queueP95Ms: queue.p95,
          allP95Ms: all.p95,
          allAnyStatusP95Ms: allAny.p95,
          searchP95Ms: search.p95,
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
