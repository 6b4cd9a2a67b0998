import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, seedDemoData } from "./seed";
import { createTestDatabase, type TestDatabase } from "@/test/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("migrations", () => {
  it("apply again on a migrated database without changing anything", async () => {
    const before = await t.sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    await migrateDatabase(t.url);
    await migrateDatabase(t.url);
    const after = await t.sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    expect(after[0]!.n).toBe(before[0]!.n);
    const tables = await t.sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    expect(tables.map((r) => r.tablename)).toEqual([
      "agent_status_history",
      "api_tokens",
      "assignment_events",
      "assignment_spans",
      "audit_log",
      "canned_replies",
      "channel_groups",
      "channels",
      "contacts",
      "conversation_reads",
      "conversations",
      "group_members",
      "idempotency_keys",
      "login_attempts",
      "media_chunks",
      "media_files",
      "mentions",
      "message_templates",
      "messages",
      "rate_limit_windows",
      "socket_io_attachments",
      "users",
      "webhook_deliveries",
      "webhook_endpoints",
      "webhook_events",
      "webhook_items",
      "welcome_outbox",
    ]);
  });
});

describe("seedDemoData", () => {
  it("creates exactly the demo data of docs/behaviour.md#environment-and-demo-data", async () => {
    expect(await seedDemoData(t.db, { history: false })).toBe(true);

    const users = await t.db.query.users.findMany({ orderBy: (u, { asc }) => asc(u.id) });
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ["manager@fila.test", "manager"],
      ["ana@fila.test", "agent"],
      ["bruno@fila.test", "agent"],
      ["carla@fila.test", "agent"],
      ["diego@fila.test", "agent"],
      ["elisa@fila.test", "agent"],
      ["fabio@fila.test", "agent"],
    ]);
    for (const u of users) expect(await verifyPassword(u.passwordHash, DEMO_PASSWORD)).toBe(true);

    const groups = await t.sql`
      SELECT g.name, g.strategy, g.online_only, g.max_open_per_agent, g.welcome_message,
             c.display_number, c.phone_number_id,
             (SELECT array_agg(split_part(u.email, '@', 1) ORDER BY u.email)
                FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = g.id) AS members
        FROM channel_groups g JOIN channels c ON c.group_id = g.id ORDER BY g.id`;
    expect(groups.map((g) => ({ ...g }))).toEqual([
      {
        name: "Vendas",
        strategy: "balanced",
        online_only: true,
        max_open_per_agent: 5,
        welcome_message: "Olá! Obrigado por falar com Vendas. Já vamos te atender.",
        display_number: "+55 11 4000-0001",
        phone_number_id: "100000000000001",
        members: ["ana", "bruno", "carla"],
      },
      {
        name: "Suporte",
        strategy: "sequential",
        online_only: true,
        max_open_per_agent: null,
        welcome_message: null,
        display_number: "+55 11 4000-0002",
        phone_number_id: "100000000000002",
        members: ["carla", "diego", "elisa"],
      },
      {
        name: "Financeiro",
        strategy: "manual",
        online_only: true,
        max_open_per_agent: null,
        welcome_message: null,
        display_number: "+55 11 4000-0003",
        phone_number_id: "100000000000003",
        members: ["elisa", "fabio"],
      },
    ]);

    // "/" in the reply box has something to offer: global replies and each group's own.
    const canned = await t.sql`
      SELECT coalesce(g.name, 'global') AS scope, r.shortcut
        FROM canned_replies r LEFT JOIN channel_groups g ON g.id = r.group_id ORDER BY r.id`;
    expect(canned.map((r) => `${r.scope}/${r.shortcut}`)).toEqual([
      "global/ola", "global/aguarde", "global/obrigado", "Vendas/frete", "Vendas/pagamento", "Suporte/senha", "Financeiro/boleto",
    ]);

    const states = await t.sql`SELECT DISTINCT status FROM conversations ORDER BY status`;
    expect(states.map((s) => s.status)).toEqual(["queued", "assigned", "closed"]);
    // Every assignee in the demo data came with its assignment event.
    const orphans = await t.sql`
      SELECT c.id FROM conversations c
       WHERE c.assignee_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM assignment_events e WHERE e.conversation_id = c.id AND e.to_user_id = c.assignee_id)`;
    expect(orphans).toHaveLength(0);
  });

  it("does nothing on a database that has data", async () => {
    const count = async () => (await t.db.execute(sql`SELECT count(*)::int AS n FROM users`))[0]!.n;
    const before = await count();
    expect(await seedDemoData(t.db)).toBe(false);
    expect(await count()).toBe(before);
  });
});
