// The history the benchmarks load (npm run bench:reports, npm run bench:inbox): a scratch
// database and 1,000,000 conversations spread over a year — each with its assignment events
// (automatic or taken, some transferred, most closed) and three messages of varied text,
// plus a year of agents' status history — generated in SQL.
// Database: a scratch database created in BENCH_PG_ADMIN_URL (default: the system
// PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end;
// with --embedded, an embedded PostgreSQL under .data/<name> instead. BENCH_REUSE_URL
// times an already loaded database again (load once with --keep).
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";

export const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000_000);
const GROUPS = 10;
const AGENTS = 100;
const CONTACTS = 200_000;
const CHUNK = 100_000;

export async function scratchDatabase(name: string, embeddedPort: number): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.argv.includes("--embedded")) {
    const dataDir = path.resolve(`.data/${name}`);
    rmSync(dataDir, { recursive: true, force: true });
    const pg = await startEmbeddedPostgres({ dataDir, port: embeddedPort });
    return { url: pg.url, drop: () => pg.stop() };
  }
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const database = `fila_${name.replace(/-/g, "_")}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function loadHistory(sql: postgres.Sql, log: (message: string) => void) {
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
        SELECT id, 'in'::message_direction, 'text',
               'Olá, preciso de ajuda com ' || (ARRAY['o pedido', 'a entrega', 'a troca', 'o cadastro', 'a senha', 'o cartão de crédito', 'a fatura', 'o boleto'])[1 + (i * 13) % 8]
               || CASE WHEN i % 1000 = 0 THEN ' — o reembolso ainda não caiu' ELSE '' END || ' ' || i,
               'contact'::message_author, NULL::int, created FROM ids
        UNION ALL
        SELECT id, 'out', 'text', 'Claro! Já vou verificar.', 'user', agent, responded_at FROM ids WHERE responded_at IS NOT NULL
        UNION ALL
        SELECT id, 'in', 'text', 'Obrigado!', 'contact', NULL, coalesce(responded_at, created) + interval '1 minute' FROM ids`;
    });
    log(`loaded ${last.toLocaleString("en-US")} conversations (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await sql`SET session_replication_role = origin`;
  // The load counter's trigger was off too.
  await sql`UPDATE users u SET open_conversations = (SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned')`;
  // Twice: a snapshot held elsewhere in the cluster during the first can keep pages from
  // being marked all-visible (index-only scans then visit the heap).
  await sql`VACUUM ANALYZE`;
  await sql`VACUUM`;
  log(`load + vacuum: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

export function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
