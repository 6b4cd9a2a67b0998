// The one-second targets of docs/behaviour.md#distribution, as figures (tests assert outcomes, never speed):
// 1. inbox latency: from a WhatsApp message reaching the webhook to its conversation
//    being visible in the assignee's browser (Mine tab), over N new conversations of
//    Suporte (sequential) with one agent online;
// 2. drain after a settings change: from the manager's click on Save (Financeiro, manual
//    → balanced, 5 queued, one agent online) to an empty queue, over --drains rounds.
// Runs against the e2e
// server (production build, embedded PostgreSQL, fake Graph API): reuses one already
// listening on the slot's port, else starts scripts/e2e-server.ts (build first:
// `E2E_SLOT=1 NEXT_DIST_DIR=.next-inbox next build`).
//   E2E_SLOT=1 NEXT_DIST_DIR=.next-inbox node_modules/.bin/tsx scripts/measure-latency.ts [--n 50] [--warmup 3]
// Prints the figures, and as its last two lines {"bench":"inbox-latency","n":…,"medianMs":…,"p95Ms":…}
// and {"bench":"settings-drain","rounds":…,"medianMs":…,"maxMs":…}.
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { content, inboundMessage, messagesNotification, postSignedWebhook } from "@/dev/webhook-payloads";
import { E2E } from "../e2e/e2e-env";
import { reuseOrStartE2eServer } from "./e2e-server-handle";

const { values: flags } = parseArgs({ options: { n: { type: "string", default: "50" }, warmup: { type: "string", default: "3" }, drains: { type: "string", default: "5" } } });
const drains = Number(flags.drains);
const n = Number(flags.n);
const warmup = Number(flags.warmup);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(warmup) || warmup < 0 || !Number.isInteger(drains) || drains < 1) {
  console.error("--n and --drains must be positive whole numbers and --warmup a whole number");
  process.exit(2);
}

const AGENT = "diego@fila.test";
const SUPORTE = { phoneNumberId: "100000000000002", displayPhoneNumber: "+55 11 4000-0002" };
const FINANCEIRO = { phoneNumberId: "100000000000003", displayPhoneNumber: "+55 11 4000-0003" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The e2e specs' starting point: demo setup, no conversations, everyone offline. */
async function resetState(sql: postgres.Sql) {
  await sql.begin(async (tx) => {
    await tx`TRUNCATE assignment_events, messages, conversations, contacts, webhook_events, login_attempts RESTART IDENTITY CASCADE`;
    await tx`UPDATE users SET status = 'offline', available_since = NULL`;
    await tx`UPDATE group_members SET last_auto_assigned_at = NULL`;
    await tx`UPDATE channel_groups SET strategy = 'sequential', online_only = true, max_open_per_agent = NULL WHERE name = 'Suporte'`;
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const server = await reuseOrStartE2eServer();
  const sql = postgres(E2E.databaseURL, { max: 2, onnotice: () => {} });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"],
  });
  try {
    await resetState(sql);
    const page = await signIn(browser, AGENT);
    await goOnline(page, sql, AGENT);

    // When each row was first painted, on the page's clock (the same machine's as ours).
    // A string, not a function: tsx's transform would add helpers the page does not have.
    await page.evaluate(`(() => {
      const seen = (window.__seen = {});
      const look = () => {
        for (const el of document.querySelectorAll('[data-testid="conversation-row"]')) {
          const waId = el.getAttribute("data-contact-number");
          if (!(waId in seen)) {
            seen[waId] = 0;
            requestAnimationFrame(() => (seen[waId] = Date.now()));
          }
        }
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
    })()`);

    const latencies: number[] = [];
    for (let i = 0; i < warmup + n; i++) {
      const waId = `5548${String(900_000_000 + i)}`;
      const body = messagesNotification(SUPORTE, [{ waId, name: `Latência ${i + 1}` }], [inboundMessage(waId, content.text("Olá, preciso de ajuda"))]);
      const started = Date.now();
      const response = await postSignedWebhook(E2E.webhookURL, E2E.appSecret, body);
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      const handle = await page.waitForFunction(`window.__seen[${JSON.stringify(waId)}] || null`, undefined, { timeout: 15_000 });
      const seenAt = (await handle.jsonValue()) as number;
      if (i >= warmup) latencies.push(seenAt - started);
      await sleep(100);
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    const medianMs = percentile(sorted, 50);
    const p95Ms = percentile(sorted, 95);
    console.log(`webhook → visible in the assignee's Mine, ${n} conversations (after ${warmup} warm-up):`);
    console.log(`  min ${sorted[0]} ms · median ${medianMs} ms · p95 ${p95Ms} ms · max ${sorted.at(-1)} ms`);
    const drain = await measureDrains(browser, sql);
    console.log(`manager saves Financeiro manual → balanced with 5 queued: queue empty after (${drains} rounds):`);
    console.log(`  min ${drain.sorted[0]} ms · median ${drain.medianMs} ms · max ${drain.maxMs} ms`);
    console.log(JSON.stringify({ bench: "inbox-latency", n, medianMs, p95Ms }));
    console.log(JSON.stringify({ bench: "settings-drain", rounds: drains, medianMs: drain.medianMs, maxMs: drain.maxMs }));
  } finally {
    await browser.close();
    await sql.end({ timeout: 5 });
    if (server) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  }
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E.baseURL, viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill("fila-demo");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/(inbox|omnichannel)/);
  return page;
}

async function goOnline(page: Page, sql: postgres.Sql, email: string) {
  await page.getByRole("radiogroup", { name: "Status" }).getByRole("radio", { name: "Online" }).click();
  for (let i = 0; (await sql`SELECT status FROM users WHERE email = ${email}`)[0]?.status !== "online"; i++) {
    if (i > 100) throw new Error(`${email} did not come online`);
    await sleep(50);
  }
  await page.locator('[data-testid="realtime-status"][data-connected="true"]').waitFor({ state: "attached" });
}

/** Each round: Financeiro manual with 5 queued, elisa online; the manager saves Balanced; until the queue is empty. */
async function measureDrains(browser: Browser, sql: postgres.Sql) {
  const elisa = await signIn(browser, "elisa@fila.test");
  await goOnline(elisa, sql, "elisa@fila.test");
  const manager = await signIn(browser, "manager@fila.test");
  const [financeiro] = await sql<{ id: number }[]>`SELECT id FROM channel_groups WHERE name = 'Financeiro'`;
  const queued = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM conversations WHERE group_id = ${financeiro!.id} AND status = 'queued'`)[0]!.n;
  const times: number[] = [];
  for (let round = 0; round < drains; round++) {
    await sql`UPDATE channel_groups SET strategy = 'manual', online_only = true, max_open_per_agent = NULL WHERE id = ${financeiro!.id}`;
    await sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE group_id = ${financeiro!.id} AND status <> 'closed'`;
    for (let i = 0; i < 5; i++) {
      const waId = `5548${String(910_000_000 + round * 10 + i)}`;
      const body = messagesNotification(FINANCEIRO, [{ waId, name: `Fila ${round + 1}.${i + 1}` }], [inboundMessage(waId, content.text("Boleto"))]);
      if (!(await postSignedWebhook(E2E.webhookURL, E2E.appSecret, body)).ok) throw new Error("webhook refused");
    }
    for (let i = 0; (await queued()) < 5; i++) {
      if (i > 200) throw new Error("the 5 conversations did not queue");
      await sleep(50);
    }
    await manager.goto(`/omnichannel/channel-groups/${financeiro!.id}/settings`);
    const form = manager.getByTestId("settings-form");
    await form.getByRole("radio", { name: /^Balanced/ }).check();
    const started = Date.now();
    await form.getByRole("button", { name: "Save settings" }).click();
    while ((await queued()) > 0) {
      if (Date.now() - started > 60_000) throw new Error("the queue did not drain within a minute");
      await sleep(10);
    }
    times.push(Date.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { sorted, medianMs: percentile(sorted, 50), maxMs: sorted.at(-1)! };
}

main().catch((error) => {
  console.error("[measure-latency] failed:", error);
  process.exit(1);
});
