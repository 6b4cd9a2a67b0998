// A small history whose every figure was computed by hand (see reports.test.ts): the
// period P is Saturday 2026-01-10 in UTC, [2026-01-10T00:00Z, 2026-01-11T00:00Z).
import type postgres from "postgres";

export const P = { from: new Date("2026-01-10T00:00:00Z"), to: new Date("2026-01-11T00:00:00Z") };

export type Fixture = { ana: number; bruno: number; carla: number; manager: number; vendas: number; suporte: number; financeiro: number; c: Record<string, number> };

export async function loadFixture(sql: postgres.Sql): Promise<Fixture> {
  const user = async (name: string, role = "agent") =>
    (await sql<{ id: number }[]>`INSERT INTO users (name, email, password_hash, role) VALUES (${name}, ${name.toLowerCase() + "@r.test"}, 'x', ${role}) RETURNING id`)[0]!.id;
  const manager = await user("Manager", "manager");
  const ana = await user("Ana");
  const bruno = await user("Bruno");
  const carla = await user("Carla");
  const group = async (name: string, strategy: string) => (await sql<{ id: number }[]>`INSERT INTO channel_groups (name, strategy) VALUES (${name}, ${strategy}) RETURNING id`)[0]!.id;
  const vendas = await group("Vendas R", "balanced");
  const suporte = await group("Suporte R", "sequential");
  const financeiro = await group("Financeiro R", "manual");
  await sql`INSERT INTO group_members (group_id, user_id) VALUES (${vendas}, ${ana}), (${vendas}, ${bruno}), (${vendas}, ${carla}), (${suporte}, ${carla})`;
  const channel: Record<number, number> = {};
  for (const [i, g] of [vendas, suporte, financeiro].entries()) {
    channel[g] = (await sql<{ id: number }[]>`INSERT INTO channels (group_id, display_number, phone_number_id) VALUES (${g}, ${"+55 11 5000-000" + i}, ${"r-" + i}) RETURNING id`)[0]!.id;
  }
  let contact = 0;
  const conversation = async (
    groupId: number,
    createdAt: string,
    rest: { status?: string; assignee?: number | null; firstResponseAt?: string; closedAt?: string; welcomeSentAt?: string },
  ) => {
    contact += 1;
    const [ct] = await sql<{ id: number }[]>`INSERT INTO contacts (wa_id, profile_name) VALUES (${"5511900000" + contact}, ${"Contact " + contact}) RETURNING id`;
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, created_at, first_response_at, closed_at, welcome_sent_at)
      VALUES (${ct!.id}, ${channel[groupId]!}, ${groupId}, ${rest.status ?? "assigned"}, ${rest.assignee ?? null}, ${createdAt}, ${createdAt},
              ${rest.firstResponseAt ?? null}, ${rest.closedAt ?? null}, ${rest.welcomeSentAt ?? null})
      RETURNING id`;
    return row!.id;
  };
  const event = (conversationId: number, groupId: number, kind: string, at: string, from: number | null, to: number | null, actor: number | null = null) =>
    sql`INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, from_user_id, to_user_id, created_at)
        VALUES (${conversationId}, ${groupId}, ${kind}, ${actor}, ${from}, ${to}, ${at})`;

  const c1 = await conversation(vendas, "2026-01-10T01:00:00Z", { status: "closed", assignee: ana, firstResponseAt: "2026-01-10T01:01:30Z", closedAt: "2026-01-10T02:00:00Z" });
  await event(c1, vendas, "auto", "2026-01-10T01:00:30Z", null, ana);
  await event(c1, vendas, "close", "2026-01-10T02:00:00Z", ana, null, ana);

  // Automatic to Bruno, returned to the queue, then taken by Ana: its first assignment is the automatic one.
  const c2 = await conversation(vendas, "2026-01-10T02:00:00Z", { assignee: ana, firstResponseAt: "2026-01-10T02:20:00Z" });
  await event(c2, vendas, "auto", "2026-01-10T02:02:00Z", null, bruno);
  await event(c2, vendas, "requeue", "2026-01-10T02:05:00Z", bruno, null, bruno);
  await event(c2, vendas, "self", "2026-01-10T02:10:00Z", null, ana, ana);

  const c3 = await conversation(vendas, "2026-01-10T03:00:00Z", { status: "closed", assignee: carla, firstResponseAt: "2026-01-10T04:00:00Z", closedAt: "2026-01-10T05:00:00Z" });
  await event(c3, vendas, "self", "2026-01-10T03:10:00Z", null, bruno, bruno);
  await event(c3, vendas, "transfer", "2026-01-10T03:20:00Z", bruno, carla, bruno);
  await event(c3, vendas, "close", "2026-01-10T05:00:00Z", carla, null, carla);

  // Created in the last second of P, assigned after it.
  const c4 = await conversation(vendas, "2026-01-10T23:59:59Z", { assignee: ana });
  await event(c4, vendas, "auto", "2026-01-11T00:00:10Z", null, ana);

  // Created before P, assigned, answered and closed in it.
  const c5 = await conversation(vendas, "2026-01-09T23:59:50Z", { status: "closed", assignee: ana, firstResponseAt: "2026-01-10T00:10:00Z", closedAt: "2026-01-10T00:20:00Z" });
  await event(c5, vendas, "auto", "2026-01-10T00:00:05Z", null, ana);
  await event(c5, vendas, "close", "2026-01-10T00:20:00Z", ana, null, ana);

  // Only the welcome message went out (no first response); closed exactly at the end of P.
  const c6 = await conversation(suporte, "2026-01-10T10:00:00Z", { status: "closed", assignee: carla, closedAt: "2026-01-11T00:00:00Z", welcomeSentAt: "2026-01-10T10:00:01Z" });
  await sql`INSERT INTO messages (conversation_id, direction, type, body, author_type, created_at) VALUES (${c6}, 'out', 'text', 'Olá!', 'system', '2026-01-10T10:00:01Z')`;
  await event(c6, suporte, "manager", "2026-01-10T10:00:40Z", null, carla, manager);
  await event(c6, suporte, "close", "2026-01-11T00:00:00Z", carla, null, manager);

  const c7 = await conversation(financeiro, "2026-01-10T12:00:00Z", { status: "queued" });

  const status = (userId: number, s: string, at: string) =>
    sql`INSERT INTO agent_status_history (user_id, status, source, changed_at) VALUES (${userId}, ${s}, 'agent', ${at})`;
  await status(ana, "online", "2026-01-09T20:00:00Z");
  await status(ana, "paused", "2026-01-10T12:00:00Z");
  await status(ana, "offline", "2026-01-10T18:00:00Z");
  await status(bruno, "online", "2026-01-10T01:30:00Z");
  await status(bruno, "offline", "2026-01-10T09:30:00Z");

  return { ana, bruno, carla, manager, vendas, suporte, financeiro, c: { c1, c2, c3, c4, c5, c6, c7 } };
}
