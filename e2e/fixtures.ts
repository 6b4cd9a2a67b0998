// Shared e2e set-up: `test` (every test starts from the demo setup, and `onlineAgent`
// gives a signed-in agent who is online with a live connection), signing in through the
// real form, and a direct connection to the e2e server's database for specs that seed or
// inspect their own data.
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { E2E } from "./e2e-env";
import { goOnline, waitForRealtime } from "./inbox-fixtures";

export const DEMO_PASSWORD = "fila-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  // Hashing the password and the first render are slow on a busy machine: wait generously.
  await expect(page).toHaveURL(/\/inbox/, { timeout: 90_000 });
}

/** A signed-in page in a browser context of its own (its own cookies, its own language). */
export async function signedInPage(browser: Browser, email: string, options: PageOptions = {}) {
  const context = await browser.newContext({ locale: options.locale ?? "en-US", viewport: options.viewport });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

let sql: postgres.Sql | undefined;
export function database() {
  sql ??= postgres(E2E.databaseURL, { max: 4, onnotice: () => {} });
  return sql;
}

/**
 * Puts the e2e database back to the demo setup with no conversations: every spec
 * starts from the same known state and seeds what it needs. (Specs run one at a time.)
 */
export async function resetState() {
  // The previous spec's pages may still be reading (an inbox's unread count): its locks
  // taken in another order than the TRUNCATE's can deadlock with it, and PostgreSQL then
  // cancels one of the two. The reset is all or nothing, so it is simply run again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await resetOnce();
    } catch (error) {
      if (!(error instanceof postgres.PostgresError && error.code === "40P01") || attempt >= 5) throw error;
    }
  }
}

async function resetOnce() {
  const sql = database();
  await sql.begin(async (tx) => {
    await tx`TRUNCATE assignment_events, messages, conversations, contacts, webhook_events, login_attempts RESTART IDENTITY CASCADE`;
    await tx`TRUNCATE api_tokens, idempotency_keys, rate_limit_windows, webhook_deliveries, webhook_endpoints RESTART IDENTITY CASCADE`;
    await tx`UPDATE users SET status = 'offline', available_since = NULL, away_since = NULL`;
    // A status of its own, so that presence has no earlier choice to give back at sign-in (presence.ts).
    await tx`INSERT INTO agent_status_history (user_id, status, source) SELECT id, 'offline', 'system' FROM users`;
    await tx`
      UPDATE channel_groups SET allow_take_beyond_cap = true, reassign_away_after_minutes = NULL,
                                reassign_no_reply_after_minutes = NULL, sticky_to_last_agent = false`;
    await tx`UPDATE group_members SET last_auto_assigned_at = NULL`;
    await tx`UPDATE channel_groups SET strategy = 'balanced', online_only = true, max_open_per_agent = 5 WHERE name = 'Vendas'`;
    await tx`UPDATE channel_groups SET strategy = 'sequential', online_only = true, max_open_per_agent = NULL WHERE name = 'Suporte'`;
    await tx`UPDATE channel_groups SET strategy = 'manual', online_only = true, max_open_per_agent = NULL, welcome_message = NULL WHERE name = 'Financeiro'`;
    // The manager area's specs (groups, board, team) add groups, numbers, members and users: back to the demo's.
    await tx`TRUNCATE audit_log RESTART IDENTITY`;
    await tx`UPDATE channel_groups SET welcome_message = 'Olá! Obrigado por falar com Vendas. Já vamos te atender.' WHERE name = 'Vendas'`;
    await tx`UPDATE channel_groups SET welcome_message = NULL WHERE name = 'Suporte'`;
    await tx`DELETE FROM channels WHERE phone_number_id NOT IN ('100000000000001', '100000000000002', '100000000000003')`;
    await tx`UPDATE channels SET token_invalid_at = NULL, token_error = NULL, menu = NULL`;
    await tx`UPDATE channel_groups SET business_hours = NULL, out_of_hours_message = NULL`;
    await tx`
      UPDATE channel_groups SET tell_queue_position = false, queue_position_every_minutes = NULL, queue_position_max_messages = 3,
                                queue_position_message_pt = NULL, queue_position_message_en = NULL`;
    await tx`
      UPDATE channels c SET group_id = g.id, active = true
        FROM (VALUES ('100000000000001', 'Vendas'), ('100000000000002', 'Suporte'), ('100000000000003', 'Financeiro')) AS d(phone, name)
        JOIN channel_groups g ON g.name = d.name
       WHERE c.phone_number_id = d.phone`;
    await tx`DELETE FROM channel_groups WHERE name NOT IN ('Vendas', 'Suporte', 'Financeiro')`;
    await tx`DELETE FROM users WHERE email NOT IN ${tx(DEMO_EMAILS)}`;
    await tx`UPDATE users SET active = true`;
    // The team spec changes roles: the demo's are one manager and six agents.
    await tx`UPDATE users SET role = CASE WHEN email = 'manager@fila.test' THEN 'manager'::user_role ELSE 'agent'::user_role END`;
    await tx`DELETE FROM group_members`;
    await tx`
      INSERT INTO group_members (group_id, user_id)
      SELECT g.id, u.id
        FROM (VALUES ('Vendas', 'ana'), ('Vendas', 'bruno'), ('Vendas', 'carla'), ('Suporte', 'carla'), ('Suporte', 'diego'),
                     ('Suporte', 'elisa'), ('Financeiro', 'elisa'), ('Financeiro', 'fabio')) AS d(name, handle)
        JOIN channel_groups g ON g.name = d.name
        JOIN users u ON u.email = d.handle || '@fila.test'`;
  });
}

export async function userId(email: string): Promise<number> {
  const [row] = await database()`SELECT id FROM users WHERE email = ${email}`;
  if (!row) throw new Error(`no user ${email}`);
  return row.id as number;
}

export async function groupId(name: string): Promise<number> {
  const [row] = await database()`SELECT id FROM channel_groups WHERE name = ${name}`;
  if (!row) throw new Error(`no group ${name}`);
  return row.id as number;
}

/** The seeded users (db/seed.ts); resetState removes anyone else. */
const DEMO_EMAILS = ["manager", "ana", "bruno", "carla", "diego", "elisa", "fabio"].map((handle) => `${handle}@fila.test`);

type PageOptions = { locale?: string; viewport?: { width: number; height: number } };

/**
 * The specs' `test`: each test starts from the demo setup (resetState, before any
 * beforeEach of the spec), and `onlineAgent(email)` signs an agent in, puts them online
 * and waits for their live connection; their browser contexts close when the test ends.
 */
export const test = base.extend<{ freshState: void; onlineAgent: (email: string, options?: PageOptions) => Promise<Page> }>({
  freshState: [
    async ({}, provide) => {
      await resetState();
      await provide();
    },
    { auto: true },
  ],
  onlineAgent: async ({ browser }, provide) => {
    const pages: Page[] = [];
    await provide(async (email, options) => {
      const page = await signedInPage(browser, email, options);
      pages.push(page);
      await goOnline(page, email);
      await waitForRealtime(page);
      return page;
    });
    await Promise.all(pages.map((page) => page.context().close().catch(() => {})));
  },
});
export { expect };
