// Reports (docs/behaviour.md#reports) in a real browser, on the demo data with its 30 days of history: the
// manager changes the period and the group and sees the figures and charts change, and
// the CSV has as many rows as the page says were received. Agents are refused the page,
// the JSON and the CSV on the server. (Its pictures: e2e/screenshots/reports.screens.ts.)
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { seedHistory } from "../db/seed-history";
import { database, groupId, resetState, signIn } from "./fixtures";

test.beforeAll(async () => {
  await resetState();
  await seedHistory(database());
});

async function reportReady(page: Page) {
  const report = page.getByTestId("report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("reports")).toHaveAttribute("data-loading", "false", { timeout: 30_000 });
  return report;
}

const received = async (page: Page) => Number(await page.getByTestId("kpi-received").getAttribute("data-value"));
const volumePath = (page: Page) => page.getByTestId("chart-volume").locator(".recharts-line-curve").first().getAttribute("d");

test("agents are refused the page, the JSON and the CSV; without a session, 401", async ({ browser, playwright }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "ana@fila.test");
  await page.goto("/reports");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("reports")).toHaveCount(0);
  const query = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
  expect((await page.request.get(`/api/v1/reports/summary?${query}`)).status()).toBe(403);
  expect((await page.request.get(`/api/v1/reports/conversations.csv?${query}`)).status()).toBe(403);
  await context.close();

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anonymous.get(`/api/v1/reports/summary?${query}`)).status()).toBe(401);
  expect((await anonymous.get(`/api/v1/reports/conversations.csv?${query}`)).status()).toBe(401);
  await anonymous.dispose();
});

test("bad parameters get 400 with a clear message", async ({ page }) => {
  await signIn(page, "manager@fila.test");
  const answer = await page.request.get("/api/v1/reports/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
  expect(answer.status()).toBe(400);
  expect((await answer.json()).error.message).toContain("from must be before to");
  const unknown = await page.request.get("/api/v1/reports/conversations.csv?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&groupId=999999");
  expect(unknown.status()).toBe(400);
});

test("the manager changes period and group, sees the charts change, and downloads a CSV that matches", async ({ page }) => {
  await signIn(page, "manager@fila.test");
  await page.goto("/reports");
  await reportReady(page);
  await expect(page.getByTestId("period-7d")).toHaveAttribute("aria-pressed", "true");
  const week = await received(page);
  expect(week).toBeGreaterThan(100);
  const weekPath = await volumePath(page);
  for (const chart of ["chart-volume", "chart-assigned", "chart-queue-wait", "chart-first-response", "chart-load", "chart-heatmap", "chart-time-in-status", "chart-fairness"]) {
    await expect(page.getByTestId(chart).locator(".recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("fairness-group")).toHaveCount(2); // Vendas and Suporte: the automatic groups
  await expect(page.getByTestId("agent-row").first()).toBeVisible();

  await page.getByTestId("period-30d").click();
  await expect(page).toHaveURL(/period=30d/, { timeout: 30_000 });
  await expect.poll(() => received(page), { timeout: 30_000 }).toBeGreaterThan(week);
  await reportReady(page);
  const month = await received(page);
  await expect.poll(() => volumePath(page)).not.toBe(weekPath);

  const financeiro = await groupId("Financeiro");
  await page.getByTestId("filter-group").selectOption(String(financeiro));
  await expect(page).toHaveURL(new RegExp(`groupId=${financeiro}`), { timeout: 30_000 });
  await expect.poll(() => received(page), { timeout: 30_000 }).toBeLessThan(month);
  await reportReady(page);
  const inGroup = await received(page);
  expect(inGroup).toBeGreaterThan(0);
  // Financeiro is manual: no fairness; its agents only.
  await expect(page.getByTestId("fairness-group")).toHaveCount(0);
  await expect(page.getByTestId("agent-row")).toHaveCount(2);

  // A reload keeps the selection (it is in the URL).
  await page.reload();
  await reportReady(page);
  expect(await received(page)).toBe(inGroup);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  // A file named after the period as chosen, UTF-8 with its byte-order mark.
  expect(download.suggestedFilename()).toMatch(/^fila-conversations-\d{4}-\d{2}-\d{2}(-to-\d{4}-\d{2}-\d{2})?\.csv$/);
  const file = readFileSync((await download.path())!, "utf8");
  expect(file.charCodeAt(0)).toBe(0xfeff);
  const lines = file.slice(1).trimEnd().split("\n");
  expect(lines[0]).toMatch(/^conversation_id,group,channel,contact_wa_id,contact_name,status,assignee_email,created_at,/);
  expect(lines).toHaveLength(inGroup + 1);
  expect(lines.slice(1).every((line) => line.includes(",Financeiro,"))).toBe(true);
});

test("in Portuguese the CSV is one a Brazilian spreadsheet opens: semicolons, decimal comma, local times with their offset", async ({ browser }) => {
  const context = await browser.newContext({ locale: "pt-BR", timezoneId: "America/Sao_Paulo" });
  const page = await context.newPage();
  await signIn(page, "manager@fila.test");
  await page.goto("/reports?period=30d");
  await reportReady(page);
  const href = await page.getByTestId("download-csv").getAttribute("href");
  expect(href).toContain("locale=pt-BR");
  expect(href).toContain("tz=America%2FSao_Paulo");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const [header, ...rows] = (await response.text()).replace(/^\uFEFF/, "").trimEnd().split("\n");
  expect(header).toMatch(/^conversation_id;group;channel;contact_wa_id;contact_name;status;assignee_email;created_at;/);
  expect(rows.length).toBeGreaterThan(0);
  // São Paulo is UTC−3 all year: every created_at carries that offset.
  expect(rows.every((row) => /;\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-03:00;/.test(row))).toBe(true);
  expect(rows.some((row) => /;\d+\.\d+;/.test(row))).toBe(false);
  expect(response.headers()["content-disposition"]).toMatch(/filename="fila-conversations-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"/);
  await context.close();
});
