// The strategy what-if (docs/what-if.md) as a manager uses it: on 14 days of seeded
// history, Vendas tried as "Balanced with a cap of 2" shows both columns, the words of
// the change, the queue-length chart and the per-agent bars; the three strategies
// compare; then the settings are saved and the history records it. Screenshots at
// desktop and phone width, in English and Portuguese, into e2e/artifacts/.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { seedHistory } from "@/db/seed-history";
import { database, groupId, resetState, signIn } from "./fixtures";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const LOCALES = { en: "en-US", "pt-BR": "pt-BR" } as const;

test.beforeEach(async () => {
  await resetState();
  await seedHistory(database(), { days: 14 });
});

test.afterAll(async () => {
  // The other specs start without a past.
  await resetState();
  await database()`DELETE FROM agent_status_history WHERE source = 'demo'`;
});

async function shot(page: Page, name: string, viewport: { width: number; height: number }) {
  await page.waitForTimeout(300);
  const height = await page.locator("main").evaluate((main) => main.scrollHeight + main.getBoundingClientRect().top);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
  await page.setViewportSize(viewport);
}

test("a manager tries Balanced with a cap of 2 on the last 14 days, compares the strategies, then saves", async ({ browser }) => {
  test.setTimeout(10 * 60_000);
  mkdirSync("e2e/artifacts", { recursive: true });
  const vendas = await groupId("Vendas");
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const [localeName, locale] of Object.entries(LOCALES)) {
      const context = await browser.newContext({ locale, viewport });
      const page = await context.newPage();
      await signIn(page, "manager@fila.test");
      await page.goto(`/omnichannel/channel-groups/${vendas}/settings`);
      const form = page.getByTestId("settings-form");
      await expect(form).toBeVisible();
      await form.locator('input[name="strategy"][value="balanced"]').check();
      await form.locator("#group-cap").fill("2");

      await page.getByTestId("what-if-14").click();
      const result = page.getByTestId("what-if-result");
      await expect(result).toBeVisible({ timeout: 120_000 });
      await expect(result.getByTestId("what-if-table").locator("thead th")).toHaveCount(3);
      await expect(result.getByTestId("what-if-words").locator("li").first()).not.toBeEmpty();
      await expect(result.getByTestId("what-if-queue-chart").locator(".recharts-line")).toHaveCount(2);
      await expect(result.getByTestId("what-if-agent-bars").locator(".recharts-bar-rectangle").first()).toBeVisible();
      await expect(result.getByTestId("what-if-calibration")).toContainText("%");
      await shot(page, `what-if-${viewportName}-${localeName}`, viewport);

      await page.getByTestId("what-if-compare").click();
      await expect(result.getByTestId("what-if-table").locator("thead th")).toHaveCount(5, { timeout: 120_000 });
      await expect(result.getByTestId("what-if-queue-chart").locator(".recharts-line")).toHaveCount(3);
      await shot(page, `what-if-compare-${viewportName}-${localeName}`, viewport);
      await context.close();
    }
  }

  // Decided: the manager saves the cap, and the history records it.
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, "manager@fila.test");
  await page.goto(`/omnichannel/channel-groups/${vendas}/settings`);
  const form = page.getByTestId("settings-form");
  await form.locator("#group-cap").fill("2");
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId("save-notice")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("history-entry").first()).toContainText("2");
  const [row] = await database()`SELECT max_open_per_agent AS cap FROM channel_groups WHERE id = ${vendas}`;
  expect(row!.cap).toBe(2);
  await context.close();
});
