// A realistic last 30 days for the demo (docs/behaviour.md#reports's figures need a past): about three
// thousand closed conversations of the demo groups, arriving by weekday and hour in São
// Paulo's time, waiting for the next opening hour at night, assigned automatically in
// Vendas (balanced) and Suporte (sequential) and taken in Financeiro (manual), some by a
// manager, some transferred, answered and closed; and the agents' status history of the
// same working hours (Mon–Fri 08–18 with a pause at noon, Saturday 09–13).
// Generated in SQL, deterministically (setseed). Every derived column comes from the rows:
// the assignment events are inserted in time order and the database's triggers build the
// assignment spans and the first-assignment and transfer rollups, as they do for live
// traffic. Only closed conversations: the inbox of today stays as the demo seed left it.
import type postgres from "postgres";

export const HISTORY_TIME_ZONE = "America/Sao_Paulo";

const FIRST = ["Ana", "Bruno", "Carlos", "Daniela", "Eduardo", "Fernanda", "Gabriel", "Helena", "Igor", "Juliana", "Lucas", "Mariana", "Nicolas", "Olívia", "Paulo", "Renata", "Sérgio", "Tatiana", "Vinícius", "Yasmin"];
const LAST = ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa"];

/** Writes the history (once per database: contacts are keyed by wa_id, status rows by source 'demo'). */
export async function seedHistory(sql: postgres.Sql, options: { days?: number; scale?: number } = {}): Promise<number> {
  const days = options.days ?? 30;
  const scale = options.scale ?? 1.15;
  const tz = HISTORY_TIME_ZONE;
  return sql.begin(async (tx) => {
    await tx`SELECT setseed(0.4242)`;
    await tx`DELETE FROM agent_status_history WHERE source = 'demo'`;
    await tx`
      INSERT INTO contacts (wa_id, profile_name)
      SELECT '5511977' || lpad(i::text, 6, '0'),
             (${FIRST}::text[])[1 + (i * 7) % ${FIRST.length}] || ' ' || (${LAST}::text[])[1 + (i * 13) % ${LAST.length}]
        FROM generate_series(1, 1200) i
      ON CONFLICT (wa_id) DO NOTHING`;

    // Working hours in local time, and each agent's sessions (a few minutes' jitter around them).
    await tx`
      CREATE TEMP TABLE shifts ON COMMIT DROP AS
      SELECT (d + w.st) AS st, (d + w.en) AS en, w.pause_after
        FROM generate_series(date_trunc('day', now() AT TIME ZONE ${tz}) - make_interval(days => ${days + 1}),
                             date_trunc('day', now() AT TIME ZONE ${tz}) + interval '3 days', interval '1 day') d
        CROSS JOIN (VALUES (interval '8 hours', interval '12 hours', true, 'wk'), (interval '13 hours', interval '18 hours', false, 'wk'),
                           (interval '9 hours', interval '13 hours', false, 'sat')) w(st, en, pause_after, kind)
       WHERE (w.kind = 'wk' AND extract(isodow FROM d) <= 5) OR (w.kind = 'sat' AND extract(isodow FROM d) = 6)`;
    await tx`
      INSERT INTO agent_status_history (user_id, status, source, changed_at)
      SELECT user_id, status::user_status, 'demo', at
        FROM (SELECT u.id AS user_id, 'online' AS status, (s.st - make_interval(mins => (u.id * 3) % 10)) AT TIME ZONE ${tz} AS at
                FROM users u JOIN shifts s ON true WHERE u.role = 'agent'
              UNION ALL
              SELECT u.id, CASE WHEN s.pause_after THEN 'paused' ELSE 'offline' END,
                     (s.en + CASE WHEN s.pause_after THEN interval '0' ELSE make_interval(mins => (u.id * 7) % 15) END) AT TIME ZONE ${tz}
                FROM users u JOIN shifts s ON true WHERE u.role = 'agent') x
       WHERE at >= now() - make_interval(days => ${days + 1}) AND at < now() - interval '5 minutes'`;

    // Arrivals: per hour of the period, a count shaped by weekday and hour.
    await tx`
      CREATE TEMP TABLE story ON COMMIT DROP AS
      WITH slots AS (
        SELECT h, extract(isodow FROM h AT TIME ZONE ${tz})::int AS dow, extract(hour FROM h AT TIME ZONE ${tz})::int AS hr
          FROM generate_series(date_trunc('hour', now() - make_interval(days => ${days})), now() - interval '5 hours', interval '1 hour') h),
      arrivals AS (
        SELECT s.h + random() * interval '1 hour' AS created
          FROM slots s
          CROSS JOIN LATERAL generate_series(1, round(${scale}
                 * (ARRAY[0.3,0.2,0.1,0.1,0.1,0.2,0.5,1.5,4,7,9,8,6,6,8,9,8,6,4,3,2,1.5,1,0.6])[s.hr + 1]
                 * (ARRAY[1.2,1.1,1.0,1.0,0.9,0.5,0.2])[s.dow]
                 * (0.6 + 0.8 * random()))::int) n),
      placed AS (
        SELECT a.created, row_number() OVER (ORDER BY a.created) AS i, random() AS r_group, random() AS r_kind, random() AS r_wait,
               random() AS r_reply, random() AS r_close, random() AS r_contact
          FROM arrivals a)
      SELECT p.*, g.id AS group_id, g.name AS group_name, g.strategy, g.welcome_message, ch.id AS channel_id,
             (SELECT id FROM contacts WHERE wa_id = '5511977' || lpad((1 + floor(p.r_contact * 1200))::int::text, 6, '0')) AS contact_id,
             o.open_at
        FROM placed p
        JOIN channel_groups g ON g.name = CASE WHEN p.r_group < 0.45 THEN 'Vendas' WHEN p.r_group < 0.8 THEN 'Suporte' ELSE 'Financeiro' END
        JOIN LATERAL (SELECT id FROM channels WHERE group_id = g.id ORDER BY id LIMIT 1) ch ON true
        CROSS JOIN LATERAL (
          SELECT greatest(p.created AT TIME ZONE ${tz}, s.st) AT TIME ZONE ${tz} AS open_at
            FROM shifts s WHERE s.en > p.created AT TIME ZONE ${tz} + interval '10 minutes' ORDER BY s.st LIMIT 1) o`;
    // Who and when: the group's members in turn (automatic) or at random (taken), after the
    // queue wait (up to the next opening at night); 6% by a manager, 8% transferred, 92% answered.
    await tx`
      CREATE TEMP TABLE plan ON COMMIT DROP AS
      SELECT s.*, m.user_id AS first_agent, t.user_id AS second_agent,
             CASE WHEN s.strategy = 'manual' THEN 'self' WHEN s.r_kind < 0.06 THEN 'manager' ELSE 'auto' END::assignment_kind AS first_kind,
             s.open_at + CASE WHEN s.open_at > s.created THEN make_interval(secs => 60 + s.r_wait * 600)
                              WHEN s.strategy = 'manual' THEN make_interval(secs => 30 + power(s.r_wait, 2) * 1500)
                              ELSE make_interval(secs => 2 + power(s.r_wait, 3) * 240) END AS assigned_at,
             (s.r_kind > 0.92) AS transferred
        FROM story s
        CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM group_members WHERE group_id = s.group_id) c
        CROSS JOIN LATERAL (SELECT user_id FROM group_members WHERE group_id = s.group_id ORDER BY user_id
                             OFFSET CASE WHEN s.strategy = 'manual' THEN floor(s.r_close * c.n)::int ELSE s.i % c.n END LIMIT 1) m
        CROSS JOIN LATERAL (SELECT user_id FROM group_members WHERE group_id = s.group_id ORDER BY user_id
                             OFFSET (CASE WHEN s.strategy = 'manual' THEN floor(s.r_close * c.n)::int ELSE s.i % c.n END + 1) % c.n LIMIT 1) t
       WHERE s.contact_id IS NOT NULL`;
    await tx`
      ALTER TABLE plan ADD COLUMN transferred_at timestamptz, ADD COLUMN responded_at timestamptz, ADD COLUMN closed_at timestamptz, ADD COLUMN id int`;
    await tx`
      UPDATE plan SET transferred_at = CASE WHEN transferred THEN assigned_at + make_interval(secs => 120 + r_reply * 480) END`;
    await tx`
      UPDATE plan SET responded_at = CASE WHEN r_reply < 0.92 THEN coalesce(transferred_at, assigned_at) + make_interval(secs => 15 + power(r_reply, 2) * 2400) END`;
    await tx`
      UPDATE plan SET closed_at = least(coalesce(responded_at, coalesce(transferred_at, assigned_at)) + make_interval(secs => 300 + power(r_close, 2) * 10800),
                                        now() - interval '30 minutes')`;
    await tx`DELETE FROM plan WHERE closed_at <= coalesce(responded_at, transferred_at, assigned_at) OR assigned_at >= now() - interval '1 hour'`;
    await tx`
      WITH made AS (
        INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, assigned_at, first_response_at, closed_at,
                                   last_inbound_at, last_message_at, welcome_sent_at, created_at)
        SELECT contact_id, channel_id, group_id, 'closed', CASE WHEN transferred THEN second_agent ELSE first_agent END, created,
               coalesce(transferred_at, assigned_at), responded_at, closed_at, created, coalesce(responded_at, created),
               CASE WHEN welcome_message IS NOT NULL THEN created + interval '1 second' END, created
          FROM plan ORDER BY created
        RETURNING id, created_at, contact_id)
      UPDATE plan p SET id = made.id FROM made WHERE made.created_at = p.created AND made.contact_id = p.contact_id`;
    const manager = tx`(SELECT id FROM users WHERE role = 'manager' ORDER BY id LIMIT 1)`;
    // Events in time order per conversation: the triggers open and close the spans from them.
    await tx`
      INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, to_user_id, reason, created_at)
      SELECT id, group_id, first_kind, CASE first_kind WHEN 'manager' THEN ${manager} WHEN 'self' THEN first_agent END, NULL, first_agent,
             jsonb_build_object('strategy', strategy, 'note', 'demo history'), assigned_at
        FROM plan ORDER BY assigned_at`;
    await tx`
      INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, to_user_id, reason, created_at)
      SELECT id, group_id, 'transfer', first_agent, first_agent, second_agent, jsonb_build_object('strategy', strategy, 'note', 'demo history'), transferred_at
        FROM plan WHERE transferred ORDER BY transferred_at`;
    await tx`
      INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, to_user_id, reason, created_at)
      SELECT id, group_id, 'close', CASE WHEN transferred THEN second_agent ELSE first_agent END,
             CASE WHEN transferred THEN second_agent ELSE first_agent END, NULL, jsonb_build_object('strategy', strategy, 'note', 'closed'), closed_at
        FROM plan ORDER BY closed_at`;
    await tx`
      INSERT INTO messages (conversation_id, direction, type, body, author_type, author_user_id, status, created_at)
      SELECT id, 'in'::message_direction, 'text', (ARRAY['Oi, tudo bem?', 'Bom dia! Preciso de ajuda.', 'Olá, vocês podem me ajudar?', 'Boa tarde, tenho uma dúvida.'])[1 + i % 4],
             'contact'::message_author, NULL::int, NULL::delivery_status, created FROM plan
      UNION ALL
      SELECT id, 'out', 'text', welcome_message, 'system', NULL, 'read', created + interval '1 second' FROM plan WHERE welcome_message IS NOT NULL
      UNION ALL
      SELECT id, 'out', 'text', 'Olá! Já estou verificando para você.', 'user', CASE WHEN transferred THEN second_agent ELSE first_agent END, 'read', responded_at
        FROM plan WHERE responded_at IS NOT NULL
      UNION ALL
      SELECT id, 'in', 'text', 'Obrigado!', 'contact', NULL, NULL, coalesce(responded_at, assigned_at) + interval '1 minute' FROM plan
       WHERE coalesce(responded_at, assigned_at) + interval '1 minute' < closed_at`;
    const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM plan`;
    return n;
  });
}
