// Before and after on the Reports page (docs/behaviour.md#reports), in a real browser on
// the demo's 30 days of history: the manager changes Vendas from Balanced to Sequential
// (through the API, as the settings screen does), the change is dated three hours back
// in the settings history — as if made at mid-morning — and the manager then reads the
// week: the change is listed and marked on the time charts, fairness is split at it and
// labelled with the strategy in force, and "Compare before / after" compares the equal
// periods either side of it. Screenshots in both languages go to e2e/artifacts/. The
// Portuguese CSV of the week is downloaded and read with a CSV parser.
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { seedHistory } from "../db/seed-history";
import { database, groupId, resetState, signIn, signedInPage } from "./fixtures";
import { E2E } from "./e2e-env";

test.beforeAll(async () => {
  await resetState();
  await seedHistory(database());
});

async function reportReady(page: Page) {
  await expect(page.getByTestId("report")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("reports")).toHaveAttribute("data-loading", "false", { timeout: 60_000 });
}

test("a strategy changed mid-period: marked, fairness split by what was in force, and compared before / after", async ({ browser, page }) => {
  test.setTimeout(600_000);
  const vendas = await groupId("Vendas");
  await signIn(page, "manager@fila.test");
  const patch = await page.request.patch(`/api/v1/groups/${vendas}`, { data: { strategy: "sequential" }, headers: { origin: E2E.baseURL } });
  expect(patch.status()).toBe(200);
  const sql = database();
  const [change] = await sql<{ at: Date }[]>`
    UPDATE audit_log SET created_at = date_trunc('minute', now()) - interval '3 hours' + interval '20 seconds'
     WHERE id = (SELECT max(id) FROM audit_log WHERE group_id = ${vendas} AND action = 'group.updated')
     RETURNING created_at AS at`;
  const changedAt = change!.at;

  // The summary JSON: the change, who made it, and what changed.
  const query = new URLSearchParams({ from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString(), groupId: String(vendas) });
  const summary = await (await page.request.get(`/api/v1/reports/summary?${query}`)).json();
  expect(summary.settingsChanges).toHaveLength(1);
  expect(summary.settingsChanges[0]).toMatchObject({ groupId: vendas, by: { name: expect.any(String) }, changes: { strategy: { from: "balanced", to: "sequential" } } });
  // By default compared with the week before.
  expect(summary.previous.to).toBe(query.get("from"));
  expect(Object.keys(summary.requeues).sort()).toEqual(["away", "noReply", "removed", "returned"]);
  expect(summary.fairness.map((g: { strategy: string; spansChange: boolean }) => [g.strategy, g.spansChange])).toEqual([
    ["balanced", true],
    ["sequential", true],
  ]);

  await page.goto(`/reports?period=7d&groupId=${vendas}`);
  await reportReady(page);
  // Listed, and marked on the time charts.
  await expect(page.getByTestId("settings-change")).toHaveCount(1);
  await expect(page.getByTestId("settings-change")).toContainText("Sequential");
  await expect(page.getByTestId("chart-volume").locator(".recharts-reference-line")).toHaveCount(1);
  await expect(page.getByTestId("chart-load").locator(".recharts-reference-line")).toHaveCount(1);
  // Each marker says when, who and what (its title, shown on hover).
  const who = summary.settingsChanges[0].by.name as string;
  const clock = await page.evaluate((iso) => new Intl.DateTimeFormat(navigator.language, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso)), changedAt.toISOString());
  for (const chart of ["chart-volume", "chart-load"]) {
    const marker = page.getByTestId(chart).getByTestId("chart-marker");
    await expect(marker).toContainText("▲1");
    await expect(marker.locator("title")).toContainText(`${clock} · ${who} · Strategy: Balanced → Sequential`);
  }
  // Fairness per stretch, each with the strategy then in force.
  await expect(page.getByTestId("fairness-group")).toHaveCount(2);
  await expect(page.getByTestId("fairness-group").first()).toHaveAttribute("data-strategy", "balanced");
  await expect(page.getByTestId("fairness-spans-change")).toBeVisible();
  // Beside each stretch, the compared week's fairness of the group (Balanced then) and the change.
  await expect(page.getByTestId("fairness-change")).toHaveCount(2);
  await expect(page.getByTestId("fairness-change").first()).toContainText("was");
  await expect(page.getByTestId("fairness-change").last()).toContainText("(Balanced)");
  // Every key figure beside the previous period's.
  for (const kpi of ["kpi-received", "kpi-closed", "kpi-queue-wait", "kpi-first-response", "kpi-resolution"]) {
    await expect(page.getByTestId(`${kpi}-change`)).toBeVisible();
  }
  await expect(page.getByTestId("heatmap-legend")).toBeVisible();
  // Policies counted: the waits with someone online, beside the compared period's.
  expect(Object.keys(summary.waitedWithSomeoneOnline).sort()).toEqual(["count", "medianSeconds", "totalSeconds"]);
  await expect(page.getByTestId("waited-with-someone-online")).toBeVisible();
  await expect(page.getByTestId("waited-with-someone-online-change")).toBeVisible();
  await expect(page.getByTestId("agent-table-note")).toBeVisible();

  // Compare the equal periods either side of the marker: three hours each (the change was
  // three hours ago), after beginning at the next minute.
  await page.getByTestId("compare-around").click();
  await expect(page).toHaveURL(/period=custom/, { timeout: 30_000 });
  await expect(page).toHaveURL(/cmpStart=/);
  const floor = new Date(Math.floor(changedAt.getTime() / 60_000) * 60_000);
  const ceil = new Date(floor.getTime() + 60_000);
  await expect(page.getByTestId("report")).toHaveAttribute("data-from", ceil.toISOString(), { timeout: 60_000 });
  await reportReady(page);
  const label = page.getByTestId("compare-label");
  await expect(label).toHaveAttribute("data-to", floor.toISOString());
  // The page says what it compares: after vs. before that change.
  await expect(label).toHaveAttribute("data-around", changedAt.toISOString());
  await expect(page.getByTestId("compare-around-label")).toHaveText(/^After vs\. before the change of .+/);
  await expect(page.getByTestId("compare-around-label")).toContainText(clock);
  const after = await page.getByTestId("report").getAttribute("data-to");
  const length = Date.parse(after!) - ceil.getTime();
  expect(length).toBeGreaterThan(2.9 * 3600_000);
  await expect(label).toHaveAttribute("data-from", new Date(floor.getTime() - length).toISOString());
  // After the change only Sequential was in force; the marker is the edge, not inside.
  await expect(page.getByTestId("fairness-group")).toHaveCount(1);
  await expect(page.getByTestId("fairness-group")).toHaveAttribute("data-strategy", "sequential");
  await expect(page.getByTestId("fairness-change")).toContainText("(Balanced)");
  await expect(page.getByTestId("settings-change")).toHaveCount(0);
  await expect(page.getByTestId("compare-reset")).toBeVisible();
  const url = page.url();

  // "Compare with": any start (the length is the period's); the label then names that period.
  await expect(page.getByTestId("compare-start")).toHaveValue(await localMinute(page, new Date(floor.getTime() - length)));
  const chosen = { from: new Date(ceil.getTime() - 86_400_000), to: new Date(ceil.getTime() - 86_400_000 + length) };
  await page.getByTestId("compare-start").fill(await localMinute(page, chosen.from));
  await page.getByTestId("compare-apply").click();
  await expect(label).toHaveAttribute("data-from", chosen.from.toISOString(), { timeout: 60_000 });
  await reportReady(page);
  await expect(label).toHaveAttribute("data-to", chosen.to.toISOString());
  const range = await page.evaluate(
    ([from, to]) => {
      const format = new Intl.DateTimeFormat(navigator.language, { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
      return `${format.format(new Date(from!))} – ${format.format(new Date(to!))}`;
    },
    [chosen.from.toISOString(), chosen.to.toISOString()],
  );
  await expect(label).toContainText(`Compared with ${range}`);
  // Choosing another period ends "after vs. before"; "The previous period" goes back to the default.
  await expect(page.getByTestId("compare-around-label")).toHaveCount(0);
  await page.getByTestId("compare-previous").click();
  await expect(label).toHaveAttribute("data-to", ceil.toISOString(), { timeout: 60_000 });
  await expect(page).not.toHaveURL(/cmpStart=/);
  await expect(page.getByTestId("compare-previous")).toBeDisabled();

  // Names chosen by strangers, in the week (the hours either side of the change have no
  // seeded arrivals: the history ends five hours ago): one accented, one a formula.
  const names = { accented: "Conceição Araújo-Güell", formula: '=HYPERLINK("http://evil.test","Zé")' };
  const named = await sql<{ id: number }[]>`
    UPDATE contacts SET profile_name = CASE WHEN c.n = 1 THEN ${names.accented} ELSE ${names.formula} END
      FROM (SELECT contact_id, row_number() OVER (ORDER BY id) AS n FROM conversations
             WHERE group_id = ${vendas} AND created_at >= ${new Date(Date.now() - 6 * 86_400_000)} ORDER BY id LIMIT 2) c
     WHERE contacts.id = c.contact_id RETURNING contacts.id`;
  expect(named).toHaveLength(2);

  mkdirSync("e2e/artifacts", { recursive: true });
  for (const [name, locale] of [["en", "en-US"], ["pt-BR", "pt-BR"]] as const) {
    const view = await signedInPage(browser, "manager@fila.test", { locale, viewport: { width: 1280, height: 900 } });
    for (const [shot, target] of [["week", `/reports?period=7d&groupId=${vendas}`], ["around", url]] as const) {
      await view.setViewportSize({ width: 1280, height: 900 });
      await view.goto(target);
      await reportReady(view);
      await view.waitForTimeout(500);
      const height = await view.locator("main").evaluate((main) => main.scrollHeight + main.getBoundingClientRect().top);
      await view.setViewportSize({ width: 1280, height: Math.max(900, Math.ceil(height)) });
      await view.waitForTimeout(500);
      await view.screenshot({ path: `e2e/artifacts/reports-compare-${shot}-${name}.png` });
      if (locale === "pt-BR" && shot === "week") await readPortugueseCsv(view, names);
    }
    await view.context().close();
  }
});

/** "2026-01-31T10:40": an instant's minute in the browser's time zone, as a datetime-local input holds it. */
function localMinute(page: Page, at: Date): Promise<string> {
  return page.evaluate((iso) => {
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, at.toISOString());
}

/**
 * The week's CSV as the page downloads it, read by a CSV parser told only that
 * cells are separated by semicolons: every row has every column, the names arrive intact,
 * no cell would run as a formula, and durations have a decimal comma.
 */
async function readPortugueseCsv(view: Page, names: { accented: string; formula: string }) {
  await view.setViewportSize({ width: 1280, height: 900 });
  const [download] = await Promise.all([view.waitForEvent("download"), view.getByTestId("download-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^fila-conversations-.*\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes, { bom: true, delimiter: ";", columns: true, skip_empty_lines: true }) as Record<string, string>[];
  expect(rows.length).toBeGreaterThan(1);
  expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(["conversation_id", "contact_name", "created_at", "queue_wait_seconds"]));
  const contactNames = rows.map((row) => row.contact_name);
  expect(contactNames).toContain(names.accented);
  // Written as text behind an apostrophe: a spreadsheet shows it, it does not run it.
  expect(contactNames).toContain(`'${names.formula}`);
  for (const row of rows) {
    for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    for (const seconds of [row.queue_wait_seconds, row.first_response_seconds, row.resolution_seconds]) expect(seconds).toMatch(/^(\d+(,\d+)?)?$/);
  }
  expect(rows.some((row) => /,/.test(row.queue_wait_seconds ?? "") || /,/.test(row.resolution_seconds ?? ""))).toBe(true);
}
