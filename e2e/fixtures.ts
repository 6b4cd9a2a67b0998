// Shared e2e helpers: sign in through the real form, and a direct connection to the
// e2e server's database for specs that seed or inspect their own data.
import { expect, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { E2E } from "./e2e-env";

export const DEMO_PASSWORD = "fila-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/inbox/);
}

/** A signed-in page in a browser context of its own (its own cookies, its own language). */
export async function signedInPage(browser: Browser, email: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
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
