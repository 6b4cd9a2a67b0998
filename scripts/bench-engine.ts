// Benchmark of the distribution engine (npm run bench:engine). On one database, in one
// run: automatic decisions per second through the engine's own code path
// (routeNewConversation) against the same decision as minimal raw SQL, and the
// decision time with 10k and with 1M closed conversations in the history.
// Embedded PostgreSQL under .data/bench by default; DATABASE_URL points it at a scratch
// database instead (it is migrated and filled). `--explain` prints the hot query plans.
// `--policies` switches every policy of docs/behaviour.md#policies on in every group (own caps for some
// members, takes refused at the cap, away and no-reply timers, sticky contacts), and
// the raw SQL baseline then makes the same policy-aware decision (own caps, returned
// conversations excluded, the contact's last agent first).
// The last line printed is one JSON object with the figures.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { createDb, type Db } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { routeNewConversation } from "@/lib/distribution";
import { decisionInputs } from "@/lib/distribution/candidates";
import { GROUP_LOCK_NAMESPACE } from "@/lib/distribution/locks";

const GROUPS = 20;
const AGENTS_PER_GROUP = 50;
const ONLINE_SHARE = 0.8;
const OPEN_PER_AGENT = 5;
const PRODUCERS = 8;
const CONTACTS = 50_000;
const ROUNDS = 3;
const ROUND_SECONDS = 4;
const LATENCY_SAMPLES = 3_000;
const POLICIES = process.argv.includes("--policies");

type Group = { id: number; channelId: number; strategy: "balanced" | "sequential" };
/** Decides the queue of the group the conversation just entered; returns how many it assigned. */
type Decide = (sql: postgres.Sql, group: Group, conversationId: number) => Promise<number>;

// ── Setup ─────────────────────────────────────────────────────────────────────────

async function createTeam(sql: postgres.Sql): Promise<Group[]> {
  const groups: Group[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const strategy = g % 2 === 0 ? "balanced" : "sequential";
    const [group] = await sql<{ id: number }[]>`
      INSERT INTO channel_groups (name, strategy, max_open_per_agent)
      VALUES (${`bench ${g} ${randomBytes(3).toString("hex")}`}, ${strategy}, ${strategy === "balanced" ? 3 * OPEN_PER_AGENT : null})
      RETURNING id`;
    const [channel] = await sql<{ id: number }[]>`
      INSERT INTO channels (group_id, display_number, phone_number_id)
      VALUES (${group!.id}, '+55 11 4000-9999', ${`bench-${randomBytes(6).toString("hex")}`}) RETURNING id`;
    // 80% online, who became available one second apart.
    await sql`
      WITH agents AS (
        INSERT INTO users (name, email, password_hash, status, available_since)
        SELECT 'Bench agent ' || i, ${`bench-${group!.id}-`} || i || '@fila.test', 'x',
               CASE WHEN i <= ${AGENTS_PER_GROUP * ONLINE_SHARE} THEN 'online' ELSE 'offline' END::user_status,
               now() - make_interval(secs => ${AGENTS_PER_GROUP} - i)
          FROM generate_series(1, ${AGENTS_PER_GROUP}) i
        RETURNING id)
      INSERT INTO group_members (group_id, user_id) SELECT ${group!.id}, id FROM agents`;
    if (POLICIES) {
      await sql`
        UPDATE channel_groups SET allow_take_beyond_cap = false, reassign_away_after_minutes = 30,
                                  reassign_no_reply_after_minutes = 30, sticky_to_last_agent = true
         WHERE id = ${group!.id}`;
      // Own caps for one member in three: below and above the balanced groups' cap.
      await sql`
        UPDATE group_members SET max_open = CASE WHEN user_id % 2 = 0 THEN ${2 * OPEN_PER_AGENT}::int ELSE ${4 * OPEN_PER_AGENT}::int END
         WHERE group_id = ${group!.id} AND user_id % 3 = 0`;
    }
    groups.push({ id: group!.id, channelId: channel!.id, strategy });
  }
  await sql`INSERT INTO contacts (wa_id) SELECT 'bench-' || i FROM generate_series(1, ${CONTACTS}) i`;
  return groups;
}

/** Closed conversations (each with its close event) up to `total`, the way years of traffic leave them. */
async function fillHistory(sql: postgres.Sql, groups: Group[], total: number) {
  const [{ closed } = { closed: 0 }] = await sql<{ closed: number }[]>`
    SELECT count(*)::int AS closed FROM conversations WHERE status = 'closed'`;
  const missing = total - closed;
  if (missing <= 0) return;
  const started = performance.now();
  await sql`
    WITH old AS (
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, assigned_at, closed_at, created_at)
      SELECT c.id, g.channel_id, g.group_id, 'closed', m.user_id, t, t + interval '1 minute', t + interval '20 minutes', t
        FROM generate_series(1, ${missing}) i
        CROSS JOIN LATERAL (SELECT now() - make_interval(mins => i) AS t) ts
        JOIN unnest(${groups.map((g) => g.id)}::int[], ${groups.map((g) => g.channelId)}::int[]) WITH ORDINALITY
             AS g(group_id, channel_id, n) ON g.n = 1 + i % ${groups.length}
        JOIN contacts c ON c.wa_id = 'bench-' || (1 + i % ${CONTACTS})
        JOIN LATERAL (SELECT user_id FROM group_members WHERE group_id = g.group_id OFFSET (i % ${AGENTS_PER_GROUP}) LIMIT 1) m ON true
      RETURNING id, group_id, assignee_id, closed_at)
    INSERT INTO assignment_events (conversation_id, group_id, kind, from_user_id, reason, created_at)
    SELECT id, group_id, 'close', assignee_id, '{"strategy":"balanced","note":"history"}', closed_at FROM old`;
  await sql`VACUUM ANALYZE conversations`;
  await sql`VACUUM ANALYZE assignment_events`;
  // Write the inserted pages out now rather than during the next measurement.
  await sql`CHECKPOINT`;
  log(`history: ${total.toLocaleString("en")} closed conversations (+${missing.toLocaleString("en")} in ${seconds(started)} s)`);
}

// ── The two ways to decide ──────────────────────────────────────────────────────

// A route may also assign a conversation that another producer inserted a moment
// before (the queue drains oldest first); that producer's route then finds it done.
const engine =
  (db: Db): Decide =>
  async (_sql, _group, conversationId) =>
    (await routeNewConversation(db, conversationId)).changes.length;

/**
 * The same decision as minimal raw SQL: lock, pick, assign, move the turn, write the
 * event. With --policies: own caps, agents who returned the conversation excluded, and
 * the contact's last agent in the group first.
 */
const rawSql: Decide = async (sql, group) =>
  sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${GROUP_LOCK_NAMESPACE}::int, ${group.id}::int)`;
    const assigned = await (POLICIES ? rawPolicyDecision : rawDecision)(tx, group);
    return assigned.length;
  });

function rawDecision(tx: postgres.TransactionSql, group: Group) {
  return tx`
      WITH pick AS (
        SELECT m.user_id FROM group_members m
          JOIN users u ON u.id = m.user_id
          JOIN channel_groups g ON g.id = m.group_id
          -- The load counter the engine reads too (users.open_conversations).
          CROSS JOIN LATERAL (SELECT u.open_conversations AS load) l
         WHERE m.group_id = ${group.id} AND u.active AND (u.status = 'online' OR NOT g.online_only)
           AND (g.max_open_per_agent IS NULL OR l.load < g.max_open_per_agent)
         ORDER BY CASE WHEN g.strategy = 'balanced' THEN l.load ELSE 0 END,
                  greatest(u.available_since, m.last_auto_assigned_at) NULLS FIRST, m.user_id
         LIMIT 1
      ), conv AS (
        UPDATE conversations SET status = 'assigned', assignee_id = (SELECT user_id FROM pick), assigned_at = clock_timestamp()
         WHERE id = (SELECT id FROM conversations WHERE group_id = ${group.id} AND status = 'queued' ORDER BY queued_at, id LIMIT 1)
           AND EXISTS (SELECT 1 FROM pick)
        RETURNING id, assignee_id, assigned_at
      ), turn AS (
        UPDATE group_members m SET last_auto_assigned_at = conv.assigned_at FROM conv
         WHERE m.group_id = ${group.id} AND m.user_id = conv.assignee_id
      ), event AS (
        INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, reason, created_at)
        SELECT conv.id, ${group.id}, 'auto', conv.assignee_id,
               jsonb_build_object('strategy', ${group.strategy}::text, 'winner', conv.assignee_id), conv.assigned_at
          FROM conv
      )
      SELECT id FROM conv`;
}

function rawPolicyDecision(tx: postgres.TransactionSql, group: Group) {
  return tx`
      WITH next AS (
        SELECT c.id, c.contact_id FROM conversations c
         WHERE c.group_id = ${group.id} AND c.status = 'queued' ORDER BY c.queued_at, c.id LIMIT 1
      ), last_agent AS (
        SELECT p.assignee_id FROM conversations p, next
         WHERE p.contact_id = next.contact_id AND p.group_id = ${group.id} AND p.id < next.id AND p.assignee_id IS NOT NULL
         ORDER BY p.id DESC LIMIT 1
      ), pick AS (
        SELECT m.user_id FROM group_members m
          JOIN users u ON u.id = m.user_id
          JOIN channel_groups g ON g.id = m.group_id
          -- The load counter the engine reads too (users.open_conversations).
          CROSS JOIN LATERAL (SELECT u.open_conversations AS load) l
         WHERE m.group_id = ${group.id} AND u.active AND (u.status = 'online' OR NOT g.online_only)
           AND (coalesce(m.max_open, g.max_open_per_agent) IS NULL OR l.load < coalesce(m.max_open, g.max_open_per_agent))
           AND NOT EXISTS (SELECT 1 FROM assignment_events e, next
                            WHERE e.conversation_id = next.id AND e.kind = 'requeue' AND e.from_user_id = m.user_id)
         ORDER BY m.user_id = (SELECT assignee_id FROM last_agent) DESC NULLS LAST,
                  CASE WHEN g.strategy = 'balanced' THEN l.load ELSE 0 END,
                  greatest(u.available_since, m.last_auto_assigned_at) NULLS FIRST, m.user_id
         LIMIT 1
      ), conv AS (
        UPDATE conversations SET status = 'assigned', assignee_id = (SELECT user_id FROM pick), assigned_at = clock_timestamp()
         WHERE id = (SELECT id FROM next) AND EXISTS (SELECT 1 FROM pick)
        RETURNING id, assignee_id, assigned_at
      ), turn AS (
        UPDATE group_members m SET last_auto_assigned_at = conv.assigned_at FROM conv
         WHERE m.group_id = ${group.id} AND m.user_id = conv.assignee_id
      ), event AS (
        INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, reason, created_at)
        SELECT conv.id, ${group.id}, 'auto', conv.assignee_id,
               jsonb_build_object('strategy', ${group.strategy}::text, 'winner', conv.assignee_id), conv.assigned_at
          FROM conv
      )
      SELECT id FROM conv`;
}

// ── The workload ────────────────────────────────────────────────────────────────

/**
 * PRODUCERS loops: a conversation arrives in a random group and is decided at once;
 * each group keeps about OPEN_PER_AGENT open conversations per online agent by closing
 * its oldest ones in batches. Arrivals and closings are the same for both deciders.
 */
function workload(sql: postgres.Sql, groups: Group[]) {
  const open = new Map(groups.map((g) => [g.id, [] as number[]]));
  const target = AGENTS_PER_GROUP * ONLINE_SHARE * OPEN_PER_AGENT;
  let contact = 0;

  async function arrive(group: Group): Promise<number> {
    contact = (contact % CONTACTS) + 1;
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at)
      SELECT id, ${group.channelId}, ${group.id}, 'queued', clock_timestamp(), clock_timestamp()
        FROM contacts WHERE wa_id = ${`bench-${contact}`}
      RETURNING id`;
    return row!.id;
  }

  async function closeOldest(group: Group) {
    const fifo = open.get(group.id)!;
    if (fifo.length < target + 20) return;
    const batch = fifo.splice(0, 20);
    await sql`
      WITH closed AS (
        UPDATE conversations SET status = 'closed', closed_at = clock_timestamp()
         WHERE id = ANY(${batch}::int[]) AND status = 'assigned'
        RETURNING id, group_id, assignee_id)
      INSERT INTO assignment_events (conversation_id, group_id, kind, from_user_id, reason, created_at)
      SELECT id, group_id, 'close', assignee_id, '{"strategy":"balanced","note":"closed"}', clock_timestamp() FROM closed`;
  }

  /** Runs for `seconds`, or `arrivals` conversations; returns decisions per second and each call's time in ms. */
  return async function run(decide: Decide, limit: { seconds?: number; arrivals?: number }) {
    const times: number[] = [];
    let decisions = 0;
    const deadline = performance.now() + (limit.seconds ?? Infinity) * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        while (performance.now() < deadline && times.length < (limit.arrivals ?? Infinity)) {
          const group = groups[Math.floor(Math.random() * groups.length)]!;
          const conversationId = await arrive(group);
          const t0 = performance.now();
          const assigned = await decide(sql, group, conversationId);
          times.push(performance.now() - t0);
          decisions += assigned;
          open.get(group.id)!.push(conversationId);
          await closeOldest(group);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    if (decisions < times.length * 0.99) throw new Error(`bench: only ${decisions} of ${times.length} conversations were assigned`);
    return { times, perSecond: decisions / elapsed };
  };
}

// ── Figures ─────────────────────────────────────────────────────────────────────

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN, 2);
}
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const log = (line: string) => console.log(`[bench] ${line}`);

/** The plans of the decision's own statements, as the engine sends them. */
async function explainHotQueries(sql: postgres.Sql, group: Group) {
  const { string, types } = await decisionInputs(sql, { groupId: group.id }).describe();
  const plan = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${string}`, [group.id], { prepare: false });
  log(`EXPLAIN decision inputs (${types.length} parameter):\n${plan.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
}

async function main() {
  const started = performance.now();
  const dataDir = path.join(".data", "bench");
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir, port: 54349, database: "fila_bench", fresh: true });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  try {
    await migrateDatabase(url);
    const { db, sql } = createDb(url, { max: PRODUCERS * 2 });
    try {
      const groups = await createTeam(sql);
      const run = workload(sql, groups);
      log(`${GROUPS} groups × ${AGENTS_PER_GROUP} agents (${ONLINE_SHARE * 100}% online), ${PRODUCERS} producers${POLICIES ? ", every policy on" : ""}`);

      // Traffic first, so that the statistics VACUUM ANALYZE gathers see open
      // conversations as a running system has them (see docs/benchmarks.md).
      await run(engine(db), { arrivals: AGENTS_PER_GROUP * ONLINE_SHARE * OPEN_PER_AGENT * GROUPS });
      await fillHistory(sql, groups, 10_000);
      await run(engine(db), { seconds: 2 });
      const history10k = await run(engine(db), { arrivals: LATENCY_SAMPLES });

      // Alternating rounds, so that neither decider gets the quieter machine.
      const engineRounds: Awaited<ReturnType<typeof run>>[] = [];
      const rawRounds: Awaited<ReturnType<typeof run>>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        engineRounds.push(await run(engine(db), { seconds: ROUND_SECONDS }));
        rawRounds.push(await run(rawSql, { seconds: ROUND_SECONDS }));
        log(`round ${round + 1}: engine ${engineRounds.at(-1)!.perSecond.toFixed(0)}/s, raw SQL ${rawRounds.at(-1)!.perSecond.toFixed(0)}/s`);
      }
      const mean = (rounds: typeof engineRounds) => rounds.reduce((sum, r) => sum + r.perSecond, 0) / rounds.length;
      const decisionsPerSec = mean(engineRounds);
      const baselinePerSec = mean(rawRounds);
      const engineTimes = engineRounds.flatMap((r) => r.times);

      await fillHistory(sql, groups, 1_000_000);
      await run(engine(db), { seconds: 3 });
      const history1M = await run(engine(db), { arrivals: LATENCY_SAMPLES });
      if (process.argv.includes("--explain")) await explainHotQueries(sql, groups[0]!);
      log(`done in ${seconds(started)} s`);

      console.log(
        JSON.stringify({
          bench: "engine",
          policies: POLICIES,
          decisionsPerSec: round(decisionsPerSec, 1),
          baselinePerSec: round(baselinePerSec, 1),
          ratio: round(decisionsPerSec / baselinePerSec, 3),
          p50Ms: percentile(engineTimes, 50),
          p99Ms: percentile(engineTimes, 99),
          history10k: { p50Ms: percentile(history10k.times, 50), p99Ms: percentile(history10k.times, 99) },
          history1M: { p50Ms: percentile(history1M.times, 50), p99Ms: percentile(history1M.times, 99) },
        }),
      );
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    if (embedded) {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true }); // a million conversations: 1.5 GB
    }
  }
}

await main();
