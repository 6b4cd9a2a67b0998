// The inbox by keyboard alone (issue 31): Tab, Shift+Tab, Enter, Space, Escape and the
// arrow keys — never the mouse — take a queued conversation, reply, write a private note,
// transfer it to another group with a note, and close it; at every step the focused
// element shows a visible focus ring (an outline or a ring of its own), and focus never
// falls back to the page when a button it was on goes away or a popover closes. Typing
// "/" in the reply box lists the demo's canned replies (db/seed.ts).
import type { Page } from "@playwright/test";
import { DEMO_CANNED_REPLIES } from "@/db/seed";
import { database, expect, signedInPage, test } from "./fixtures";
import { assigneeOf, contactWrites, LIVE_TIMEOUT, newWaId, row as rowOf, waitForRealtime } from "./inbox-fixtures";

type Focused = { text: string; testId: string | null; tag: string; outline: string; outlineWidth: number; boxShadow: string; width: number; height: number } | null;

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      text: (el.getAttribute("aria-label") ?? el.innerText ?? "").trim(),
      testId: el.getAttribute("data-testid"),
      tag: el.tagName.toLowerCase(),
      outline: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
      width: box.width,
      height: box.height,
    };
  });
}

/** The focused element is on screen and shows it: an outline of 2px or more, or a ring (box-shadow). */
async function expectVisibleFocus(page: Page): Promise<NonNullable<Focused>> {
  const f = await focused(page);
  expect(f, "focus fell back to the page").not.toBeNull();
  expect(f!.width * f!.height, `focused ${f!.tag} "${f!.text}" has no size`).toBeGreaterThan(0);
  const ring = (f!.outline !== "none" && f!.outlineWidth >= 2) || f!.boxShadow !== "none";
  expect(ring, `no visible focus on ${f!.tag} "${f!.text}" (outline ${f!.outline} ${f!.outlineWidth}px, shadow ${f!.boxShadow})`).toBe(true);
  return f!;
}

/** Presses `key` until the focused element matches, checking the focus ring at each stop. */
async function moveFocusTo(page: Page, key: "Tab" | "Shift+Tab", matches: (f: NonNullable<Focused>) => boolean, maxStops = 40) {
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press(key);
    const f = await expectVisibleFocus(page);
    if (matches(f)) return f;
  }
  throw new Error(`not reached with ${key} in ${maxStops} stops`);
}

test("a manager works a queued conversation end to end with the keyboard alone, the focus always visible", async ({ browser }) => {
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Teresa Teclado" });
  const page = await signedInPage(browser, "manager@fila.test", { viewport: { width: 1440, height: 900 } });
  await waitForRealtime(page);
  await page.keyboard.press("Escape"); // nothing open: a no-op, and the page has focus

  // 1. The first Tab stop skips to the list, past the navigation.
  let f = await moveFocusTo(page, "Tab", (x) => x.text === "Skip to the conversation list", 3);
  await page.keyboard.press("Enter");
  f = await expectVisibleFocus(page);
  expect(f.testId).toBe("tab-mine");
  // The tabs move with the arrow keys.
  await page.keyboard.press("ArrowRight");
  f = await expectVisibleFocus(page);
  expect(f.testId).toBe("tab-queue");
  await expect(page.getByTestId("tab-queue")).toHaveAttribute("aria-selected", "true");

  // 2. To the row, and open it.
  const row = page.locator(`[data-testid="conversation-row"][data-contact-number="${waId}"]`);
  await expect(row).toBeVisible({ timeout: LIVE_TIMEOUT });
  await moveFocusTo(page, "Tab", (x) => x.testId === "conversation-row");
  await expect(row).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("conversation-contact")).toHaveText("Teresa Teclado");

  // 3. Take it: the focus goes on to the reply box.
  await moveFocusTo(page, "Tab", (x) => x.text === "Assign to me");
  await page.keyboard.press("Enter");
  await expect(page.locator("#reply-box")).toBeFocused({ timeout: LIVE_TIMEOUT });
  await expectVisibleFocus(page);

  // 4. Reply (Enter sends).
  await page.keyboard.type("Olá, Teresa! Já verifico.");
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: "Olá, Teresa! Já verifico." })).toBeVisible({ timeout: LIVE_TIMEOUT });

  // 5. A private note: back to the Note tab, Space picks it, the box takes the focus again.
  await moveFocusTo(page, "Shift+Tab", (x) => x.testId === "mode-note", 5);
  await page.keyboard.press("Space");
  await expect(page.locator("#reply-box")).toBeFocused();
  await page.keyboard.type("Cliente VIP, cuidar com carinho.");
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-testid="message"][data-message-type="note"]').filter({ hasText: "Cliente VIP" })).toBeVisible({ timeout: LIVE_TIMEOUT });

  // 6. The transfer picker: Escape closes it and gives the focus back to its button.
  await moveFocusTo(page, "Shift+Tab", (x) => x.text === "Transfer");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("transfer-picker")).toBeVisible();
  await expectVisibleFocus(page);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("transfer-picker")).toHaveCount(0);
  f = await expectVisibleFocus(page);
  expect(f.text).toBe("Transfer");

  // 7. Transfer to Suporte's queue with a note.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("transfer-group-queue").filter({ hasText: "Suporte" })).toBeVisible();
  await moveFocusTo(page, "Tab", (x) => x.testId === "transfer-group-queue" && x.text.includes("Suporte"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("transfer-note")).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type("Problema técnico, melhor com o Suporte.");
  await moveFocusTo(page, "Tab", (x) => x.testId === "transfer-confirm", 3);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await database()`
    SELECT g.name, c.status FROM conversations c JOIN contacts k ON k.id = c.contact_id JOIN channel_groups g ON g.id = c.group_id WHERE k.wa_id = ${waId}`)[0], { timeout: LIVE_TIMEOUT }).toEqual({ name: "Suporte", status: "queued" });
  // The thread shows the move (the live update has re-rendered it), and the focus is on something visible.
  await expect(page.getByTestId("activity-event").filter({ hasText: "to the queue of Suporte" })).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(async () => void (await expectVisibleFocus(page))).toPass({ timeout: LIVE_TIMEOUT });

  // 8. Close it: the focus lands on the list, visibly.
  await moveFocusTo(page, "Tab", (x) => x.text === "Close");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await database()`
    SELECT c.status FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`)[0]?.status, { timeout: LIVE_TIMEOUT }).toBe("closed");
  await expect(async () => void (await expectVisibleFocus(page))).toPass({ timeout: LIVE_TIMEOUT });
  await page.screenshot({ path: "e2e/artifacts/keyboard-inbox-en.png" });
});

test('"/" in the reply box of a conversation the agent holds lists the demo\'s canned replies', async ({ onlineAgent }) => {
  // The demo's canned replies as db/seed.ts writes them (another spec may have emptied the table).
  const sql = database();
  await sql`DELETE FROM canned_replies`;
  for (const reply of DEMO_CANNED_REPLIES) {
    await sql`
      INSERT INTO canned_replies (group_id, shortcut, body, created_by)
      VALUES ((SELECT id FROM channel_groups WHERE name = ${reply.group}), ${reply.shortcut}, ${reply.body}, (SELECT id FROM users WHERE email = 'manager@fila.test'))`;
  }
  const ana = await onlineAgent("ana@fila.test", { viewport: { width: 1440, height: 900 } });
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Rita Barra" });
  await expect.poll(() => assigneeOf(waId), { timeout: LIVE_TIMEOUT }).toEqual({ status: "assigned", email: "ana@fila.test" });
  await rowOf(ana, waId).click();
  const box = ana.locator("#reply-box");
  await expect(box).toBeEnabled({ timeout: LIVE_TIMEOUT });
  await box.focus();
  await ana.keyboard.type("/");
  // The global replies and Vendas' own, each by its shortcut; not Suporte's.
  const options = ana.getByTestId("canned-menu").getByTestId("canned-option");
  for (const reply of DEMO_CANNED_REPLIES.filter((r) => r.group === null || r.group === "Vendas")) {
    await expect(options.filter({ hasText: `/${reply.shortcut}` })).toBeVisible();
  }
  await expect(options.filter({ hasText: "/senha" })).toHaveCount(0);
  await expect(options.filter({ hasText: "/ola" })).toContainText("Olá, Rita Barra! Aqui é Ana Souza.");
  await ana.screenshot({ path: "e2e/artifacts/keyboard-canned-menu-en.png" });
});
