// The inbox as people see it: every message type rendered, screenshots at desktop
// (1280×800) and phone (390×844) sizes in both languages (saved under e2e/artifacts/),
// and the keyboard shortcuts.
import path from "node:path";
import { type Page } from "@playwright/test";
import { newWamid } from "@/dev/webhook-payloads";
import { database, expect, signedInPage, test } from "./fixtures";
import { content, contactWrites, giveChannelAToken, goOnline, newWaId, row, waitForRealtime } from "./inbox-fixtures";

const ARTIFACTS = path.resolve("e2e/artifacts");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Seeded = { rich: string; others: string[]; queued: string[] };

/** ana has three conversations (one with every message type) and two more wait in Vendas' queue. */
async function seedInbox(ana: Page): Promise<Seeded> {
  await giveChannelAToken("Vendas");
  await goOnline(ana, "ana@fila.test");
  await waitForRealtime(ana);

  const rich = newWaId();
  const first = newWamid();
  // Yesterday evening and earlier today, whatever the time of day the test runs.
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const sinceMidnight = Math.floor((Date.now() - midnight.getTime()) / 1000);
  // Still inside the 24-hour window of the opening message, or its welcome is (rightly)
  // skipped: after 21:00 "three hours before midnight" was more than a day ago.
  const yesterday = sinceMidnight + Math.min(3 * 3600, Math.floor((24 * 3600 - sinceMidnight) / 2));
  const today = (minutes: number) => Math.min(minutes * 60, Math.floor(sinceMidnight / 2) + minutes);
  await contactWrites("Vendas", { waId: rich, name: "Mariana Oliveira" }, [
    { content: content.text("Boa tarde! Vi o anúncio do sofá retrátil. Ainda tem em estoque?"), secondsAgo: yesterday, id: first },
    { content: content.image("É este modelo aqui"), secondsAgo: yesterday - 30 },
    { content: content.document("orcamento-mariana.pdf", "Orçamento que recebi da loja"), secondsAgo: yesterday - 60 },
    { content: content.audio(true), secondsAgo: yesterday - 600 },
    { content: content.location({ latitude: -23.5614, longitude: -46.6559, name: "MASP", address: "Av. Paulista, 1578 - São Paulo" }), secondsAgo: today(40) },
    { content: content.contacts([{ name: "Pedro Oliveira", phone: "+55 11 99876-5432" }]), secondsAgo: today(39) },
    { content: content.buttonReply("entrega-sabado", "Entrega no sábado"), secondsAgo: today(38) },
    { content: content.reaction(first, "❤️"), secondsAgo: today(37) },
    { content: { type: "order", order: { catalog_id: "123", product_items: [] } }, secondsAgo: today(36) },
    { content: content.text("Consigo pagar no Pix?"), secondsAgo: today(1), context: { from: rich, id: first } },
  ]);
  await expect(row(ana, rich)).toBeVisible();

  const others: string[] = [];
  for (const [name, text] of [
    ["Rafael Nunes", "Quero um orçamento para 20 unidades."],
    ["Beatriz Gomes", "O produto tem garantia?"],
  ] as const) {
    const waId = newWaId();
    others.push(waId);
    await contactWrites("Vendas", { waId, name }, [{ content: content.text(text) }]);
    await expect(row(ana, waId)).toBeVisible();
  }

  // Paused: what arrives now waits in the queue.
  await ana.getByRole("radio", { name: "Paused" }).click();
  await expect(ana.getByTestId("not-online-banner")).toBeVisible();
  const queued: string[] = [];
  for (const [name, text, ago] of [
    ["Juliana Castro", "Oi, vocês entregam em Campinas?", 7 * 60],
    ["Thiago Martins", "Qual o prazo de entrega para o CEP 01310-100?", 95],
  ] as const) {
    const waId = newWaId();
    queued.push(waId);
    await contactWrites("Vendas", { waId, name }, [{ content: content.text(text), secondsAgo: ago }]);
  }
  await expect(ana.getByTestId("tab-count-queue")).toHaveText("2");
  return { rich, others, queued };
}

async function openRichConversation(page: Page, waId: string) {
  await row(page, waId).click();
  const thread = page.getByTestId("message-thread");
  await expect(thread.getByText("Consigo pagar no Pix?")).toBeVisible();
  return thread;
}

test("every message type is rendered, and the inbox looks right on desktop and phone in both languages", async ({ browser }) => {
  const ana = await signedInPage(browser, "ana@fila.test", { viewport: DESKTOP });
  const seeded = await seedInbox(ana);

  const thread = await openRichConversation(ana, seeded.rich);
  // A reply with its ticks.
  await ana.getByRole("textbox", { name: "Reply" }).fill("Tem sim, Mariana! Aceitamos Pix. Te envio o link em seguida.");
  await ana.getByRole("button", { name: "Send" }).click();
  await expect(thread.getByTestId("message").last().getByTestId("delivery-status")).toHaveAttribute("data-status", "read", { timeout: 30_000 });

  await expect(thread.getByTestId("day-separator")).toHaveText(["Yesterday", "Today"]);
  await expect(thread.locator('[data-testid="media-card"][data-media-type="image"]')).toContainText("É este modelo aqui");
  await expect(thread.locator('[data-testid="media-card"][data-media-type="document"]')).toContainText("orcamento-mariana.pdf");
  await expect(thread.locator('[data-testid="media-card"][data-media-type="document"]')).toContainText("Orçamento que recebi da loja");
  await expect(thread.locator('[data-testid="media-card"][data-media-type="audio"]')).toContainText("Voice message");
  await expect(thread.getByTestId("location-card")).toContainText("MASP");
  await expect(thread.getByTestId("location-card")).toContainText("-23.56140, -46.65590");
  await expect(thread.getByTestId("contacts-card")).toContainText("Pedro Oliveira");
  await expect(thread.getByTestId("choice-reply")).toContainText("Entrega no sábado");
  await expect(thread.getByTestId("reaction")).toHaveText("❤️");
  await expect(thread.getByText("Unsupported message (order)")).toBeVisible();
  await expect(ana.getByTestId("conversation-group")).toHaveText("Vendas");
  await expect(ana.getByTestId("conversation-assignee")).toHaveText("You");
  await expect(ana.getByTestId("conversation-status")).toHaveText("Assigned");

  // The assignment alerts of the seeding have gone.
  await expect(ana.getByTestId("toast-info")).toHaveCount(0, { timeout: 30_000 });
  await ana.screenshot({ path: `${ARTIFACTS}/inbox-desktop-en.png` });
  await thread.evaluate((el) => (el.scrollTop = 0));
  await ana.screenshot({ path: `${ARTIFACTS}/inbox-desktop-en-thread-top.png` });
  await ana.getByTestId("tab-queue").click();
  await expect(row(ana, seeded.queued[0]!)).toBeVisible();
  await expect(row(ana, seeded.queued[0]!).getByTestId("wait-time")).toContainText("waiting");
  await row(ana, seeded.queued[0]!).click();
  await expect(ana.getByRole("button", { name: "Assign to me" })).toBeVisible();
  await expect(ana.getByTestId("message-thread").getByText("Oi, vocês entregam em Campinas?")).toBeVisible();
  await ana.screenshot({ path: `${ARTIFACTS}/inbox-desktop-en-queue.png` });

  // The same person in Portuguese, on a desktop and on a phone.
  const pt = await signedInPage(browser, "ana@fila.test", { locale: "pt-BR", viewport: DESKTOP });
  await openRichConversation(pt, seeded.rich);
  await expect(pt.getByTestId("day-separator")).toHaveText(["Ontem", "Hoje"]);
  await pt.screenshot({ path: `${ARTIFACTS}/inbox-desktop-pt-BR.png` });

  for (const [locale, page] of [
    ["en", await signedInPage(browser, "ana@fila.test", { viewport: PHONE })],
    ["pt-BR", await signedInPage(browser, "ana@fila.test", { locale: "pt-BR", viewport: PHONE })],
  ] as const) {
    // On a phone the list and the thread are separate views.
    await expect(row(page, seeded.rich)).toBeVisible();
    await expect(page.getByTestId("conversation-view")).toHaveCount(0);
    await page.screenshot({ path: `${ARTIFACTS}/inbox-phone-${locale}-list.png` });
    const phoneThread = await openRichConversation(page, seeded.rich);
    await expect(page.getByTestId("conversation-list")).toBeHidden();
    await expect(page.getByTestId("toast-info")).toHaveCount(0, { timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/inbox-phone-${locale}-thread.png` });
    await phoneThread.evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: `${ARTIFACTS}/inbox-phone-${locale}-thread-top.png` });
    await page.getByRole("button", { name: locale === "en" ? "Back to the conversations" : "Voltar para as conversas" }).click();
    await expect(row(page, seeded.rich)).toBeVisible();
    await page.context().close();
  }
  await pt.context().close();
  await ana.context().close();
});

test("the keyboard: j/k move, ? shows the shortcuts, Alt+A takes, Alt+E closes; the selection survives a reload", async ({ browser }) => {
  const ana = await signedInPage(browser, "ana@fila.test", { viewport: DESKTOP });
  const seeded = await seedInbox(ana);
  const mine = ana.getByTestId("conversation-list").getByTestId("conversation-row");
  await expect(mine).toHaveCount(3);
  // A welcome message is activity: until each of the three has had its own, the list may
  // still reorder under the keys. Wait for them.
  await expect
    .poll(async () => {
      const [row] = await database()<{ n: number }[]>`
        SELECT count(DISTINCT m.conversation_id)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.status = 'assigned' AND m.direction = 'out' AND m.author_type = 'system'`;
      return row!.n;
    }, { timeout: 60_000 })
    .toBe(3);
  // Each key moves through the list as it stands when the key is pressed (a late refetch
  // may still reorder it by activity): the expected row is read just before each press.
  const order = () => mine.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-conversation-id")!));
  const selectedId = () => new URL(ana.url()).searchParams.get("c");
  async function press(key: string, step: 1 | -1) {
    const ids = await order();
    const at = ids.indexOf(selectedId() ?? "");
    const expected = ids[at === -1 ? 0 : Math.min(Math.max(at + step, 0), ids.length - 1)]!;
    await ana.keyboard.press(key);
    await expect(ana).toHaveURL(new RegExp(`c=${expected}(&|$)`));
    return expected;
  }

  await press("j", 1);
  await press("j", 1);
  await press("k", -1);
  // Keys faster than React renders (a busy machine, a held key) still move one row each:
  // two presses in one task move two rows, then back.
  const twice = async (key: string, step: 1 | -1) => {
    const ids = await order();
    const at = ids.indexOf(selectedId() ?? "");
    const expected = ids[Math.min(Math.max(at + 2 * step, 0), ids.length - 1)]!;
    await ana.evaluate((k) => {
      for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
    }, key);
    await expect(ana).toHaveURL(new RegExp(`c=${expected}(&|$)`));
  };
  await twice("j", 1);
  await twice("k", -1);
  const chosen = await press("Alt+ArrowDown", 1);
  await expect(ana.getByTestId("conversation-view")).toHaveAttribute("data-conversation-id", chosen);

  await ana.reload();
  await expect(ana.getByTestId("conversation-view")).toHaveAttribute("data-conversation-id", chosen);

  // Search by name or by number, kept in the URL too.
  await ana.keyboard.press("/");
  await expect(ana.getByRole("searchbox", { name: "Search contacts, numbers and messages" })).toBeFocused();
  await ana.keyboard.type("rafael");
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Rafael Nunes");
  await expect(ana).toHaveURL(/q=rafael/);
  await ana.getByRole("searchbox").fill(seeded.rich.slice(-6));
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Mariana Oliveira");
  await ana.getByRole("searchbox").fill("");
  await expect(mine).toHaveCount(3);
  await ana.getByRole("searchbox").blur();

  await ana.keyboard.press("?");
  const overlay = ana.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText("Close the conversation");
  await ana.screenshot({ path: `${ARTIFACTS}/inbox-desktop-en-shortcuts.png` });
  await ana.keyboard.press("Escape");
  await expect(overlay).toHaveCount(0);

  // The queue: take with Alt+A, then close with Alt+E.
  await ana.getByTestId("tab-queue").click();
  await row(ana, seeded.queued[1]!).click();
  await expect(ana.getByRole("button", { name: "Assign to me" })).toBeVisible();
  await ana.keyboard.press("Alt+a");
  await expect(ana.getByTestId("conversation-assignee")).toHaveText("You");
  await expect(ana).toHaveURL(/tab=mine/);
  const taken = await ana.getByTestId("conversation-view").getAttribute("data-conversation-id");
  // The take has settled (its button state and the view): Alt+E is ignored while it is pending.
  await expect(ana.getByTestId("conversation-view").getByRole("button", { name: "Close", exact: true })).toBeEnabled();
  await ana.keyboard.press("Alt+e");
  await expect(ana.getByTestId("toast-info").filter({ hasText: "Conversation closed." })).toBeVisible();
  await expect(ana.locator(`[data-testid="conversation-row"][data-conversation-id="${taken}"]`)).toHaveCount(0);
  await ana.context().close();
});
