// Benchmark of the strategy what-if (npm run bench:whatif, docs/what-if.md): 30 days of
// 100,000 conversations and 50 agents (shifts in the status history, real handling
// times) seeded into its own database, then a variant replayed several times as the route
// runs it: a what-if thread per request (lib/what-if/what-if-thread.ts) that reads the
// history on its own connection and replays, while a second group's live decisions are
// timed on the main thread.
// The history's "real" assignments are written by a reference simulation in this
// script — docs/behaviour.md#distribution's balanced rule written independently of the engine (least open,
// then turn key, then id) — not through the live engine (100,000 through it take hours
// on this machine); lib/what-if/calibration.test.ts compares against the live engine.
// Embedded PostgreSQL under .data/bench-whatif (port 54359); DATABASE_URL for a scratch one.
// The last line printed is one JSON object with the figures.
import path from "node:path";
import { createDb } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { routeNewConversation } from "@/lib/distribution";
import { EventQueue } from "@/lib/what-if/event-queue";
import { answerInThread, defaultThreadEntry } from "@/lib/what-if/what-if-worker";

const AGENTS = 50;
const CONVERSATIONS = 100_000;
const DAYS = 30;
const RUNS = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const log = (line: string) => console.log(`[bench] ${line}`);

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Shift = { userIndex: number; start: number; end: number };
type Planned = { contact: number; queuedAt: number; agent: number | null; assignedAt: number | null; closedAt: number; respondedAt: number | null };

/** Shifts and arrivals, and who the reference rule gives each conversation to. */
function plan(fromMs: number) {
  const random = seeded(42);
  const shifts: Shift[] = [];
  for (let day = 0; day < DAYS; day++) {
    for (let i = 0; i < AGENTS; i++) {
      // Staggered shifts of 8 hours covering 06:00–24:00; one agent in ten off each day.
      if ((i + day) % 10 === 0) continue;
      const start = fromMs + day * DAY + (6 + (i % 10)) * HOUR + Math.floor(random() * 30) * 60_000;
      shifts.push({ userIndex: i, start, end: start + 8 * HOUR });
    }
  }
  const arrivals: number[] = [];
  while (arrivals.length < CONVERSATIONS) {
    const at = fromMs + Math.floor(random() * DAYS * DAY);
    const hour = new Date(at).getUTCHours();
    if (hour >= 7 && hour < 23 ? random() < 1 : random() < 0.08) arrivals.push(at);
  }
  arrivals.sort((a, b) => a - b);
  // Reference balanced, no cap, online only: events in time order.
  type Ev = { at: number; kind: 0 | 1 | 2 | 3; i: number };
  const events: Ev[] = [];
  for (const s of shifts) events.push({ at: s.start, kind: 1, i: s.userIndex }, { at: s.end, kind: 0, i: s.userIndex });
  arrivals.forEach((at, i) => events.push({ at, kind: 3, i }));
  const online = new Array<boolean>(AGENTS).fill(false);
  const open = new Array<number>(AGENTS).fill(0);
  const turn = new Array<number>(AGENTS).fill(0);
  const planned: Planned[] = arrivals.map((at) => ({ contact: Math.floor(random() * 40_000), queuedAt: at, agent: null, assignedAt: null, closedAt: 0, respondedAt: null }));
  const handling = arrivals.map(() => 120_000 + Math.floor(random() ** 2 * 40 * 60_000));
  const queue: number[] = [];
  const closes = new EventQueue<number>();
  const give = (c: number, at: number) => {
    let best = -1;
    for (let a = 0; a < AGENTS; a++) {
      if (!online[a]) continue;
      if (best < 0 || open[a]! < open[best]! || (open[a] === open[best] && (turn[a]! < turn[best]! || (turn[a] === turn[best] && a < best)))) best = a;
    }
    if (best < 0) return false;
    open[best]!++;
    turn[best] = at;
    planned[c]!.agent = best;
    planned[c]!.assignedAt = at;
    planned[c]!.respondedAt = at + 20_000;
    planned[c]!.closedAt = at + handling[c]!;
    closes.push(planned[c]!.closedAt, 0, best);
    return true;
  };
  const all = events.sort((a, b) => a.at - b.at || a.kind - b.kind);
  // Closings interleave: each one due is taken before the event.
  const drain = (at: number) => {
    while (queue.length > 0 && give(queue[0]!, at)) queue.shift();
  };
  for (const ev of all) {
    while ((closes.peekAt() ?? Infinity) <= ev.at) {
      const close = closes.pop()!;
      open[close.event]!--;
      drain(close.atMs);
    }
    if (ev.kind === 1) {
      online[ev.i] = true;
      turn[ev.i] = ev.at;
      drain(ev.at);
    } else if (ev.kind === 0) online[ev.i] = false;
    else if (!give(ev.i, ev.at)) queue.push(ev.i);
  }
  for (const c of queue) planned[c]!.closedAt = Math.min(planned[c]!.queuedAt + HOUR, fromMs + DAYS * DAY - 1);
  return { shifts, planned };
}

async function seed(url: string, fromMs: number) {
  const { sql } = createDb(url, { max: 4 });
  const { shifts, planned } = plan(fromMs);
  const [group] = await sql<{ id: number }[]>`INSERT INTO channel_groups (name, strategy) VALUES ('What-if bench', 'balanced') RETURNING id`;
  const [live] = await sql<{ id: number }[]>`INSERT INTO channel_groups (name, strategy) VALUES ('Live bench', 'balanced') RETURNING id`;
  const [channel] = await sql<{ id: number }[]>`INSERT INTO channels (group_id, display_number, phone_number_id) VALUES (${group!.id}, '+55 11 4000-1111', 'bench-whatif') RETURNING id`;
  const [liveChannel] = await sql<{ id: number }[]>`INSERT INTO channels (group_id, display_number, phone_number_id) VALUES (${live!.id}, '+55 11 4000-2222', 'bench-live') RETURNING id`;
  const users = await sql<{ id: number }[]>`
    INSERT INTO users (name, email, password_hash) SELECT 'Agent ' || i, 'whatif-' || i || '@fila.test', 'x' FROM generate_series(1, ${AGENTS}) i ORDER BY i RETURNING id`;
  const ids = users.map((u) => u.id).sort((a, b) => a - b);
  await sql`INSERT INTO group_members (group_id, user_id) SELECT ${group!.id}, unnest(${ids}::int[])`;
  const liveAgents = await sql<{ id: number }[]>`
    INSERT INTO users (name, email, password_hash, status, available_since) SELECT 'Live ' || i, 'live-' || i || '@fila.test', 'x', 'online', now() FROM generate_series(1, 5) i RETURNING id`;
  await sql`INSERT INTO group_members (group_id, user_id) SELECT ${live!.id}, unnest(${liveAgents.map((u) => u.id)}::int[])`;
  const status = shifts.flatMap((s) => [
    { user_id: ids[s.userIndex], status: "online", at: new Date(s.start).toISOString() },
    { user_id: ids[s.userIndex], status: "offline", at: new Date(s.end).toISOString() },
  ]);
  await sql`
    INSERT INTO agent_status_history (user_id, status, source, changed_at)
    SELECT user_id, status::user_status, 'bench', at FROM jsonb_to_recordset(${JSON.stringify(status)}::jsonb) AS r(user_id int, status text, at timestamptz)`;
  await sql`INSERT INTO contacts (wa_id) SELECT 'whatif-' || i FROM generate_series(0, 39999) i`;
  const [{ first } = { first: 0 }] = await sql<{ first: number }[]>`SELECT min(id)::int AS first FROM contacts`;
  for (let offset = 0; offset < planned.length; offset += 10_000) {
    const rows = planned.slice(offset, offset + 10_000).map((p) => ({
      contact_id: first + p.contact,
      assignee_id: p.agent === null ? null : ids[p.agent],
      queued_at: new Date(p.queuedAt).toISOString(),
      assigned_at: p.assignedAt === null ? null : new Date(p.assignedAt).toISOString(),
      responded_at: p.respondedAt === null ? null : new Date(p.respondedAt).toISOString(),
      closed_at: new Date(p.closedAt).toISOString(),
    }));
    await sql.begin(async (tx) => {
      await tx`
        CREATE TEMP TABLE batch ON COMMIT DROP AS
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r(contact_id int, assignee_id int, queued_at timestamptz, assigned_at timestamptz, responded_at timestamptz, closed_at timestamptz)`;
      await tx`
        WITH made AS (
          INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, assigned_at, first_response_at, closed_at, created_at)
          SELECT contact_id, ${channel!.id}, ${group!.id}, 'closed', assignee_id, queued_at, assigned_at, responded_at, closed_at, queued_at FROM batch ORDER BY queued_at
          RETURNING id, assignee_id, assigned_at, closed_at)
        INSERT INTO assignment_events (conversation_id, group_id, kind, from_user_id, to_user_id, reason, created_at)
        SELECT id, ${group!.id}, e.kind::assignment_kind, e.from_user, e.to_user, '{"note":"bench"}'::jsonb, e.at
          FROM made, LATERAL (VALUES ('auto', NULL::int, made.assignee_id, made.assigned_at), ('close', made.assignee_id, NULL::int, made.closed_at)) e(kind, from_user, to_user, at)
         WHERE made.assignee_id IS NOT NULL
         ORDER BY e.at`;
    });
    log(`seeded ${Math.min(offset + 10_000, planned.length).toLocaleString("en")} conversations`);
  }
  await sql.end();
  return { groupId: group!.id, liveGroupId: live!.id, liveChannelId: liveChannel!.id };
}

const percentileOf = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
};
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Replays one variant RUNS times as the route does: a thread per request that reads the
 * history on its own connection, then replays the settings in force and the proposed
 * ones. Answers, per run, the thread's replay time per variant (half the two replays and
 * their figures), its history load and the request's wall time; and the calibration.
 */
async function replayAll({ url, groupId, fromMs, toMs }: { url: string; groupId: number; fromMs: number; toMs: number }) {
  const times: number[] = [];
  const loads: number[] = [];
  const walls: number[] = [];
  let calibration = 0;
  let conversations = 0;
  let agents = 0;
  const entry = defaultThreadEntry();
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const { answer, timings } = await answerInThread(entry, { source: { databaseUrl: url, groupId, fromMs, toMs }, proposed: { maxOpenPerAgent: 2 }, options: {} });
    walls.push(performance.now() - t0);
    times.push(timings.replayMs / 2);
    loads.push(timings.loadMs);
    calibration = answer.calibration.sameAgentShare ?? 0;
    conversations = answer.conversations;
    agents = answer.current.perAgent.length;
  }
  return { times, loads, walls, calibration, conversations, agents };
}

async function main() {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(".data", "bench-whatif"), port: 54359, database: "fila_bench_whatif", fresh: true });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  try {
    await migrateDatabase(url);
    const toMs = Math.floor(Date.now() / DAY) * DAY;
    const fromMs = toMs - DAYS * DAY;
    const t0 = performance.now();
    const { groupId, liveGroupId, liveChannelId } = await seed(url, fromMs);
    log(`seeded in ${Math.round((performance.now() - t0) / 1000)} s`);
    // The replays in their thread (bundled from the TypeScript, as in `npm run dev`); the
    // live decisions timed beside them on this thread wait for no replay.
    const done = replayAll({ url, groupId, fromMs, toMs });
    // Live decisions in another group while the replays run.
    const { db, sql } = createDb(url, { max: 4 });
    const latencies: number[] = [];
    let replaying = true;
    void done.finally(() => (replaying = false));
    for (let i = 0; replaying || latencies.length < 50; i++) {
      const [row] = await sql<{ id: number }[]>`
        WITH contact AS (INSERT INTO contacts (wa_id) VALUES (${`live-${i}-${Date.now()}`}) RETURNING id)
        INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at) SELECT id, ${liveChannelId}, ${liveGroupId}, 'queued', clock_timestamp() FROM contact RETURNING id`;
      const t = performance.now();
      await routeNewConversation(db, row!.id);
      latencies.push(performance.now() - t);
      await sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${row!.id}`;
    }
    const result = await done;
    await sql.end();
    const list = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");
    log(`history loaded in the thread in ${list(result.loads)} ms; replays ${list(result.times)} ms per variant; requests ${list(result.walls)} ms; ${latencies.length} live decisions`);
    console.log(
      JSON.stringify({
        bench: "whatif",
        conversations: result.conversations,
        agents: result.agents,
        days: DAYS,
        replayP50Ms: round(percentileOf(result.times, 0.5)),
        replayP95Ms: round(percentileOf(result.times, 0.95)),
        historyLoadMs: Math.round(percentileOf(result.loads, 0.5)),
        requestP95Ms: round(percentileOf(result.walls, 0.95)),
        calibrationSameAgent: result.calibration,
        liveDecisionP99Ms: round(percentileOf(latencies, 0.99)),
      }),
    );
  } finally {
    await embedded?.stop();
  }
}

await main();
