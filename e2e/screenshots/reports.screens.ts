// `npm run screenshots`: the reports page on the demo data with its 30 days of history,
// in both languages at desktop and phone width, into e2e/artifacts/. Not a test.
import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { seedHistory } from "../../db/seed-history";
import { database, resetState, signIn } from "../fixtures";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const LOCALES = { en: "en-US", "pt-BR": "pt-BR" } as const;

test.beforeAll(async () => {
  await resetState();
  await seedHistory(database());
});

test("screenshots of the reports page", async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync("e2e/artifacts", { recursive: true });
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const [localeName, locale] of Object.entries(LOCALES)) {
      const context = await browser.newContext({ locale, viewport, timezoneId: "America/Sao_Paulo" });
      const page = await context.newPage();
      await signIn(page, "manager@fila.test");
      await page.goto("/reports?period=30d");
      await expect(page.getByTestId("report")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("reports")).toHaveAttribute("data-loading", "false", { timeout: 30_000 });
      await page.waitForTimeout(500);
      const height = await page.locator("main").evaluate((main) => main.scrollHeight + main.getBoundingClientRect().top);
      await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
      await page.waitForTimeout(500);
      await page.screenshot({ path: `e2e/artifacts/reports-${viewportName}-${localeName}.png` });
      await context.close();
    }
  }
});
