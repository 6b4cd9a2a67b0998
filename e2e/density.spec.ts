// Density and touch (issue 31): at 1440×900 the list shows a dozen compact rows, the
// filters fold behind one "Filters" button that counts the active ones, the tab counts
// say what they count; on a phone (390×844) every control of the inbox list and of the
// conversation is a 44×44 px target at least, and so is every control of the header
// (menu, statuses, user menu), and the status switch names every status.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { contactWrites, LIVE_TIMEOUT, newWaId, row } from "./inbox-fixtures";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function queueOf(count: number, group: "Vendas" | "Suporte" = "Vendas") {
  const waIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const waId = newWaId();
    waIds.push(waId);
    await contactWrites(group, { waId, name: `Cliente ${String(i + 1).padStart(2, "0")}` });
  }
  return waIds;
}

/** Rows wholly inside the list's scroll box. */
async function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.getElementById("inbox-list")!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="conversation-row"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.height > 0;
    }).length;
  });
}

/** Every visible control inside `root` smaller than 44×44 px (a checkbox by its label). */
async function smallTargets(page: Page, root: string) {
  return page.evaluate((rootSelector) => {
    const scope = document.querySelector(rootSelector)!;
    const controls = [...scope.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="tab"], [role="radio"]')];
    return controls
      .map((el) => {
        const target = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") ? (el.closest("label") ?? el) : el;
        const r = target.getBoundingClientRect();
        const style = getComputedStyle(el);
        const hidden = r.width === 0 || r.height === 0 || style.visibility === "hidden" || (el instanceof HTMLInputElement && el.type === "hidden");
        const name = (el.getAttribute("aria-label") ?? el.innerText ?? el.getAttribute("placeholder") ?? el.tagName).trim().slice(0, 40);
        return { name, tag: el.tagName.toLowerCase(), width: Math.round(r.width), height: Math.round(r.height), hidden };
      })
      .filter((c) => !c.hidden && (c.width < 44 || c.height < 44));
  }, root);
}

for (const locale of ["en", "pt-BR"] as const) {
  test(`at 1440×900 a dozen compact rows, the filters behind one button, labelled tab counts (${locale})`, async ({ onlineAgent }) => {
    const waIds = await queueOf(16);
    const manager = await onlineAgent("manager@fila.test", { locale, viewport: DESKTOP });
    await manager.goto("/inbox?tab=queue");
    await expect(row(manager, waIds.at(-1)!)).toBeVisible({ timeout: LIVE_TIMEOUT });
    await expect.poll(() => manager.getByTestId("conversation-row").count(), { timeout: LIVE_TIMEOUT }).toBe(16);
    expect(await rowsInView(manager)).toBeGreaterThanOrEqual(12);

    // The counts are named: "Queue 16 conversations · 16 unread", not two bare numbers.
    const queueTab = manager.getByTestId("tab-queue");
    await expect(queueTab).toHaveAccessibleName(locale === "en" ? /^Queue\s*16\s*conversations(\s*·\s*16 unread)?$/ : /^Fila\s*16\s*conversas(\s*·\s*16 não lidas)?$/);
    await expect(manager.getByTestId("tab-count-queue")).toHaveText("16");

    // The filters are folded: one button, no filter rows until it is opened.
    const filters = manager.getByTestId("filters-button");
    await expect(filters).toHaveAttribute("aria-expanded", "false");
    await expect(manager.getByTestId("inbox-filters")).toHaveCount(0);
    await manager.screenshot({ path: `e2e/artifacts/density-desktop-${locale}.png` });
    await filters.click();
    await expect(manager.getByTestId("inbox-filters")).toBeVisible();
    await manager.getByTestId("filter-period").selectOption("7");
    await expect(filters).toHaveAttribute("data-active", "1");
    await expect(filters).toHaveAttribute("aria-label", locale === "en" ? "Filters, 1 active" : "Filtros, 1 ativo");
  });

  test(`on a phone every control of the inbox is 44×44 px at least, and the status words show (${locale})`, async ({ onlineAgent }) => {
    const ana = await onlineAgent("ana@fila.test", { locale, viewport: PHONE });
    const waId = newWaId();
    await contactWrites("Vendas", { waId, name: "Paula Polegar" });
    await expect(row(ana, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
    await queueOf(2, "Vendas");

    // The status switch names every status in words, not bare dots.
    const status = ana.getByTestId("status-switch");
    for (const word of locale === "en" ? ["Online", "Paused", "Offline"] : ["Online", "Pausa", "Offline"]) await expect(status.getByText(word, { exact: true })).toBeVisible();

    // The header's controls too: the menu, the three statuses and the user menu.
    const headerControls = ana.locator("header").locator("button:visible");
    await expect(headerControls).toHaveCount(5);
    for (const control of await headerControls.all()) {
      const box = (await control.boundingBox())!;
      const name = (await control.getAttribute("aria-label")) ?? (await control.innerText());
      expect(Math.min(box.width, box.height), `header control "${name}" is ${Math.round(box.width)}×${Math.round(box.height)}`).toBeGreaterThanOrEqual(44);
    }

    // The list, with the filters open.
    await ana.getByTestId("filters-button").click();
    await expect(ana.getByTestId("inbox-filters")).toBeVisible();
    expect(await smallTargets(ana, ".touch-targets")).toEqual([]);
    await ana.screenshot({ path: `e2e/artifacts/density-phone-list-${locale}.png` });

    // The conversation.
    await row(ana, waId).click();
    await expect(ana.getByTestId("reply-form")).toBeVisible({ timeout: LIVE_TIMEOUT });
    expect(await smallTargets(ana, ".touch-targets")).toEqual([]);
    await ana.screenshot({ path: `e2e/artifacts/density-phone-conversation-${locale}.png` });
  });
}

test("one colour per meaning in the list: selected is ink, unread a dark badge, awaiting reply amber, brand green only for the active tab", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test", { viewport: DESKTOP });
  // Ana is the only one online in Vendas: all three are hers, unread and awaiting her reply.
  const waIds = await queueOf(3);
  for (const waId of waIds) await expect(row(ana, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(ana.getByTestId("awaiting-reply")).toHaveCount(3, { timeout: LIVE_TIMEOUT });
  await row(ana, waIds[0]!).click();
  await expect(ana.getByTestId("reply-form")).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(row(ana, waIds[0]!)).toHaveAttribute("aria-current", "true");
  await expect(row(ana, waIds[0]!).getByTestId("unread-count")).toHaveCount(0, { timeout: LIVE_TIMEOUT });

  // Each meaning has its own colour: the computed colours, compared with Tailwind's by name.
  const colours = await ana.evaluate(() => {
    const probe = (className: string, property: "color" | "backgroundColor" | "borderLeftColor") => {
      const el = document.createElement("span");
      el.className = className;
      document.body.append(el);
      const value = getComputedStyle(el)[property];
      el.remove();
      return value;
    };
    const selected = document.querySelector<HTMLElement>('[data-testid="conversation-row"][aria-current="true"]')!;
    const unreadRow = document.querySelector<HTMLElement>('[data-testid="conversation-row"]:not([aria-current]) [data-testid="unread-count"]')!;
    const awaiting = document.querySelector<HTMLElement>('[data-testid="awaiting-reply"]')!;
    const activeTab = document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!;
    return {
      selected: [getComputedStyle(selected).backgroundColor, getComputedStyle(selected).borderLeftColor],
      selectedWant: [probe("bg-slate-100", "backgroundColor"), probe("border-slate-800", "borderLeftColor")],
      unread: [getComputedStyle(unreadRow).backgroundColor, getComputedStyle(unreadRow).color],
      unreadWant: [probe("bg-slate-900", "backgroundColor"), probe("text-white", "color")],
      awaiting: [getComputedStyle(awaiting).color, getComputedStyle(awaiting.querySelector("span")!).backgroundColor],
      awaitingWant: [probe("text-amber-800", "color"), probe("bg-amber-500", "backgroundColor")],
      activeTab: getComputedStyle(activeTab).color,
      activeTabWant: probe("text-brand-700", "color"),
    };
  });
  expect(colours.selected).toEqual(colours.selectedWant);
  expect(colours.unread).toEqual(colours.unreadWant);
  expect(colours.awaiting).toEqual(colours.awaitingWant);
  expect(colours.activeTab).toBe(colours.activeTabWant);
  await ana.screenshot({ path: "e2e/artifacts/density-colours-en.png" });
});
