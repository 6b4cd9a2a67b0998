// The Reports page's first figures (issue 27), as figures (tests assert outcomes, never
// speed): on the demo data with its 30 days of history (db/seed-history.ts), the manager
// opens /reports?period=30d; on the page's own clock (from the navigation's start) it
// records when the first skeleton, the live counts and headline figures (kpi-received),
// and the charts and per-agent table (the summary's details) were first painted.
// Runs against the e2e server (production build, embedded PostgreSQL, fake Graph API):
// reuses one listening on the slot's port, else starts scripts/e2e-server.ts (build first
// with the same variables):
//   E2E_SLOT=4 NEXT_DIST_DIR=.next-4 node_modules/.bin/tsx scripts/measure-reports-page.ts [--n 10] [--warmup 2]
// Its last line: {"bench":"reports-page","n":…,"firstFiguresMedianMs":…,"firstFiguresP95Ms":…,"detailsMedianMs":…,…}.
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { seedHistory } from "@/db/seed-history";
import { E2E } from "../e2e/e2e-env";
import { reuseOrStartE2eServer } from "./e2e-server-handle";
import { database, resetState } from "../e2e/fixtures";

const { values: flags } = parseArgs({ options: { n: { type: "string", default: "10" }, warmup: { type: "string", default: "2" } } });
const n = Number(flags.n);
const warmup = Number(flags.warmup);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(warmup) || warmup < 0) {
  console.error("--n must be a positive whole number and --warmup a whole number");
  process.exit(2);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

// When each test id was first in the page, on its clock (performance.now(): ms since the
// navigation began). A string, not a function: tsx's transform would add helpers the page lacks.
const WATCH = `(() => {
  const seen = (window.__seen = {});
  const ids = ["report-skeleton", "report-details-skeleton", "kpi-received", "live-open", "chart-volume", "agent-table"];
  const look = () => {
    for (const id of ids) if (!(id in seen) && document.querySelector('[data-testid="' + id + '"]')) seen[id] = performance.now();
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
  look();
})()`;

async function main() {
  const server = await reuseOrStartE2eServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"],
  });
  try {
    await resetState();
    const seeded = await seedHistory(database());
    const context = await browser.newContext({ baseURL: E2E.baseURL, viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId: "America/Sao_Paulo" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator('input[name="email"]').fill("manager@fila.test");
    await page.locator('input[name="password"]').fill("fila-demo");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/(inbox|omnichannel)/, { timeout: 90_000 });
    await context.addInitScript(WATCH);
    const rounds: { skeleton: number | null; first: number; details: number }[] = [];
    for (let i = 0; i < warmup + n; i++) {
      await page.goto("/reports?period=30d");
      await page.locator('[data-testid="report"][data-details="ready"]').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid="agent-table"]').waitFor({ timeout: 120_000 });
      const seen = (await page.evaluate("window.__seen")) as Record<string, number>;
      const skeleton = Math.min(seen["report-skeleton"] ?? Infinity, seen["report-details-skeleton"] ?? Infinity);
      const round = { skeleton: Number.isFinite(skeleton) ? skeleton : null, first: Math.max(seen["kpi-received"]!, seen["live-open"]!), details: Math.max(seen["chart-volume"]!, seen["agent-table"]!) };
      if (i >= warmup) rounds.push(round);
      console.log(`${i < warmup ? "warm-up" : `round ${i - warmup + 1}`}: skeleton ${round.skeleton?.toFixed(0) ?? "—"} ms, first figures ${round.first.toFixed(0)} ms, charts and table ${round.details.toFixed(0)} ms`);
    }
    const first = rounds.map((r) => r.first);
    const details = rounds.map((r) => r.details);
    console.log(
      JSON.stringify({
        bench: "reports-page",
        conversations: seeded,
        n,
        firstFiguresMedianMs: Math.round(percentile(first, 50)),
        firstFiguresP95Ms: Math.round(percentile(first, 95)),
        detailsMedianMs: Math.round(percentile(details, 50)),
        detailsP95Ms: Math.round(percentile(details, 95)),
      }),
    );
  } finally {
    await browser.close();
    await database().end();
    server?.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
