// The agent's tools around a conversation (docs/behaviour.md#the-inbox): a returning contact's earlier
// conversation above the thread, the contact panel, "/" canned replies filled with the
// contact's name, and a private note whose @mention alerts the colleague in their own
// browser (and nobody who may not see the conversation). Screenshots in both languages,
// desktop and phone width, go to e2e/artifacts/.
import path from "node:path";
import { type Page } from "@playwright/test";
import { database, expect, groupId, signedInPage, test, userId } from "./fixtures";
import { contactWrites, content, giveChannelAToken, goOnline, LIVE_TIMEOUT, newWaId, row, sentToGraph, waitForRealtime } from "./inbox-fixtures";

const ARTIFACTS = path.resolve("e2e/artifacts");
const PHONE = { width: 390, height: 844 };

test.beforeEach(async () => {
  await database()`DELETE FROM canned_replies`;
  await giveChannelAToken("Vendas");
});

/** A contact wrote before; Ana handled and closed it; now they write again. */
async function returningContact(waId: string, name: string) {
  await contactWrites("Vendas", { waId, name }, [{ content: content.text("Meu pedido 4471 atrasou") }]);
  const ana = await userId("ana@fila.test");
  await expect.poll(async () => (await database()`SELECT count(*)::int AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`)[0]?.n).toBe(1);
  await database()`
    UPDATE conversations SET status = 'closed', assignee_id = ${ana}, closed_at = now() - interval '1 day', created_at = now() - interval '2 days'
     WHERE contact_id = (SELECT id FROM contacts WHERE wa_id = ${waId})`;
  await contactWrites("Vendas", { waId, name }, [{ content: content.text("Oi de novo! Chegou, obrigado.") }]);
  await expect.poll(async () => (await database()`SELECT count(*)::int AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`)[0]?.n).toBe(2);
}

async function openQueued(page: Page, waId: string) {
  await page.goto("/inbox?tab=queue");
  await row(page, waId).click();
  await expect(page.getByTestId("conversation-view")).toBeVisible();
}

test("a returning contact's thread shows the earlier conversation, who handled it, and its messages", async ({ browser }) => {
  const waId = newWaId();
  await returningContact(waId, "Renata Campos");

  const ana = await signedInPage(browser, "ana@fila.test");
  await openQueued(ana, waId);
  const history = ana.getByTestId("contact-history");
  const earlier = history.getByTestId("earlier-conversation");
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toContainText("Vendas");
  await expect(earlier.getByTestId("earlier-handled-by")).toContainText("Handled by Ana Souza");
  // Collapsed until asked.
  await expect(earlier.getByTestId("earlier-messages")).toHaveCount(0);
  await earlier.getByRole("button", { name: "Show messages" }).click();
  await expect(earlier.getByTestId("earlier-messages")).toContainText("Meu pedido 4471 atrasou");
  await expect(ana.getByTestId("message-thread").getByText("Oi de novo! Chegou, obrigado.")).toBeVisible();

  // The contact panel: number, two conversations; a display name saved shows in the header.
  await ana.setViewportSize({ width: 1600, height: 900 });
  const panel = ana.getByTestId("contact-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("contact-conversation-count")).toHaveText("2");
  await panel.getByLabel("Display name").fill("Renata (loja Centro)");
  await panel.getByLabel("Note about the contact").fill("Prefere contato à tarde.");
  await panel.getByTestId("contact-save").click();
  await expect(panel.getByTestId("contact-saved")).toBeVisible();
  await expect(ana.getByTestId("conversation-contact")).toHaveText("Renata (loja Centro)", { timeout: LIVE_TIMEOUT });
  const [stored] = await database()`SELECT display_name, note FROM contacts WHERE wa_id = ${waId}`;
  expect(stored).toMatchObject({ display_name: "Renata (loja Centro)", note: "Prefere contato à tarde." });
  await ana.screenshot({ path: `${ARTIFACTS}/agent-tools-history-desktop-en.png` });
  await ana.context().close();

  // Portuguese, phone width: the panel opens over the thread from the header.
  const pt = await signedInPage(browser, "ana@fila.test", { locale: "pt-BR", viewport: PHONE });
  await openQueued(pt, waId);
  await expect(pt.getByTestId("earlier-conversation")).toContainText("Atendida por Ana Souza");
  await expect(pt.getByTestId("contact-panel")).toBeHidden();
  await pt.screenshot({ path: `${ARTIFACTS}/agent-tools-history-phone-pt-BR.png` });
  await pt.getByTestId("contact-panel-toggle").click();
  await expect(pt.getByTestId("contact-panel")).toBeVisible();
  await expect(pt.getByTestId("contact-panel")).toContainText("Primeiro contato");
  await pt.screenshot({ path: `${ARTIFACTS}/agent-tools-contact-phone-pt-BR.png` });
  await pt.context().close();
});

test("a manager defines a canned reply; '/' inserts it with the contact's name", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/canned-replies");
  const form = manager.getByTestId("canned-form");
  await form.getByLabel("Shortcut").fill("saudacao");
  await form.getByLabel("Available in").selectOption({ label: "Vendas" });
  await form.getByLabel("Text").fill("Olá {{contact.name}}! Aqui é {{agent.name}}, como posso ajudar?");
  await form.getByTestId("canned-save").click();
  await expect(manager.locator('[data-testid="canned-row"][data-shortcut="saudacao"]')).toContainText("Vendas");
  // An unknown variable is refused with the reason.
  await form.getByLabel("Shortcut").fill("pedido");
  await form.getByLabel("Text").fill("Seu pedido {{order.id}}");
  await form.getByTestId("canned-save").click();
  await expect(form).toContainText("Only {{contact.name}} and {{agent.name}} can be used as variables.");
  await manager.screenshot({ path: `${ARTIFACTS}/agent-tools-canned-desktop-en.png`, fullPage: true });
  // The group's history says what changed, not "made a change".
  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  await expect(manager.getByTestId("history-entry").first()).toContainText("added the canned reply /saudacao");
  await manager.context().close();

  const ana = await signedInPage(browser, "ana@fila.test");
  await goOnline(ana, "ana@fila.test");
  await waitForRealtime(ana);
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Lucas Ferreira" });
  await row(ana, waId).click();
  const box = ana.getByRole("textbox", { name: "Reply" });
  await box.click();
  await box.pressSequentially("/sau");
  const menu = ana.getByTestId("canned-menu");
  await expect(menu.getByTestId("canned-option").first()).toContainText("/saudacao");
  await ana.screenshot({ path: `${ARTIFACTS}/agent-tools-canned-menu-desktop-en.png` });
  await box.press("Enter");
  await expect(box).toHaveValue("Olá Lucas Ferreira! Aqui é Ana Souza, como posso ajudar?");
  await expect(menu).toHaveCount(0);
  // Escape closes the menu and leaves the text as typed.
  await box.fill("");
  await box.pressSequentially("/");
  await expect(ana.getByTestId("canned-menu")).toBeVisible();
  await box.press("Escape");
  await expect(ana.getByTestId("canned-menu")).toHaveCount(0);
  await expect(box).toHaveValue("/");
  await ana.context().close();

  // Portuguese at phone width: the page and the menu.
  const pt = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR", viewport: PHONE });
  await pt.goto("/omnichannel/canned-replies");
  await expect(pt.getByRole("heading", { name: "Respostas prontas" })).toBeVisible();
  await pt.screenshot({ path: `${ARTIFACTS}/agent-tools-canned-phone-pt-BR.png`, fullPage: true });
  await pt.context().close();
});

test("a private note with an @mention alerts the colleague in their browser, is never sent, and skips who may not see", async ({ browser }) => {
  const bruno = await signedInPage(browser, "bruno@fila.test");
  // Counts the attempts to play the alert sound (through HTMLMediaElement.play), from Bruno's next page on.
  await bruno.context().addInitScript(() => {
    const w = window as unknown as { __plays: number };
    w.__plays = 0;
    HTMLMediaElement.prototype.play = function play() {
      w.__plays += 1;
      return Promise.resolve();
    };
  });
  await bruno.reload();
  await waitForRealtime(bruno);

  const ana = await signedInPage(browser, "ana@fila.test");
  await goOnline(ana, "ana@fila.test");
  await waitForRealtime(ana);
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Paula Nunes" });
  await row(ana, waId).click();

  await ana.getByTestId("mode-note").click();
  await expect(ana.getByTestId("reply-form")).toHaveAttribute("data-mode", "note");
  const box = ana.getByRole("textbox", { name: "Private note" });
  await box.pressSequentially("@Bru");
  await expect(ana.getByTestId("mention-option").first()).toContainText("Bruno Lima");
  await box.press("Enter");
  await box.pressSequentially("e @Die");
  // Diego (Suporte) may not see a Vendas conversation: the menu and the box say so.
  await expect(ana.getByTestId("mention-option").first()).toContainText("cannot see this conversation");
  await box.press("Enter");
  await expect(ana.getByTestId("mention-not-delivered")).toContainText("Diego Alves");
  const text = `pode conferir o boleto ${Date.now() % 10_000}?`;
  await box.pressSequentially(text);
  await ana.screenshot({ path: `${ARTIFACTS}/agent-tools-note-desktop-en.png` });
  await box.press("Enter");

  const note = ana.getByTestId("message-thread").locator('[data-message-type="note"]');
  await expect(note).toContainText(text);
  await expect(note).toContainText("Private note");

  // Bruno, in his own browser, is alerted; the Mentions link counts it.
  await expect(bruno.getByTestId("mention-alert")).toContainText("Ana Souza mentioned you", { timeout: LIVE_TIMEOUT });
  await expect(bruno.getByTestId("mentions-unread")).toHaveText("1");
  // A mention sounds like the other alerts.
  await expect.poll(() => bruno.evaluate(() => (window as unknown as { __plays: number }).__plays)).toBeGreaterThanOrEqual(1);
  await bruno.screenshot({ path: `${ARTIFACTS}/agent-tools-mention-alert-desktop-en.png` });

  // Only Bruno has the mention; nothing went to WhatsApp; no first response.
  const mentioned = await database()`SELECT u.email FROM mentions m JOIN users u ON u.id = m.user_id`;
  expect(mentioned.map((r) => r.email)).toEqual(["bruno@fila.test"]);
  expect((await sentToGraph()).filter((m) => m.body.includes(text))).toEqual([]);
  const [conversation] = await database()`SELECT c.first_response_at FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`;
  expect(conversation?.first_response_at).toBeNull();

  // The Mentions view: unread until opened; opening the conversation reads it.
  await bruno.goto("/mentions");
  const item = bruno.getByTestId("mention-item").first();
  await expect(item).toHaveAttribute("data-read", "false");
  await item.click();
  await expect(bruno.getByTestId("conversation-view")).toBeVisible();
  await expect(bruno.getByTestId("message-thread").locator('[data-message-type="note"]')).toContainText(text);
  await expect(bruno.getByTestId("mentions-unread")).toHaveCount(0, { timeout: LIVE_TIMEOUT });
  await ana.context().close();
  await bruno.context().close();

  // Portuguese at phone width: the note mode and the Mentions view.
  const pt = await signedInPage(browser, "bruno@fila.test", { locale: "pt-BR", viewport: PHONE });
  await pt.goto("/mentions");
  await expect(pt.getByRole("heading", { name: "Menções" })).toBeVisible();
  await pt.screenshot({ path: `${ARTIFACTS}/agent-tools-mentions-phone-pt-BR.png` });
  await pt.goto(`/inbox?c=${(await database()`SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`)[0]!.id}`);
  await pt.getByTestId("mode-note").click();
  await pt.getByRole("textbox", { name: "Nota privada" }).pressSequentially("@An");
  await expect(pt.getByTestId("mention-option").first()).toContainText("Ana Souza");
  await pt.screenshot({ path: `${ARTIFACTS}/agent-tools-note-phone-pt-BR.png` });
  await pt.context().close();
});
