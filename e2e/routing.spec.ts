// Entry routing (docs/behaviour.md#entry-menu) in the browser: a manager sets a three-option menu on the
// Vendas number (+55 11 4000-0001), with its live preview; a simulated contact picks
// "Suporte" with a button and the conversation lands live in the Suporte agent's Mine.
import { type Page } from "@playwright/test";
import { answerMenu } from "@/dev/simulated-contact";
import { E2E } from "./e2e-env";
import { expect, groupId, signedInPage, test } from "./fixtures";
import { assigneeOf, contactWrites, giveChannelAToken, goOnline, LIVE_TIMEOUT, newWaId, row, waitForRealtime } from "./inbox-fixtures";

async function openMenuEditor(page: Page) {
  await page.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  const channel = page.locator('[data-testid="channel"][data-phone-number-id="100000000000001"]');
  await channel.getByTestId("edit-menu").click();
  return channel.getByTestId("menu-editor");
}

test("a manager sets a three-option menu on Vendas; a contact picks Suporte with a button and lands in the Suporte agent's Mine", async ({ browser }) => {
  await giveChannelAToken("Vendas");
  const manager = await signedInPage(browser, "manager@fila.test", { viewport: { width: 1280, height: 1000 } });
  const editor = await openMenuEditor(manager);
  await editor.getByTestId("menu-enabled").check();
  await editor.getByLabel("Question").fill("Olá! Com quem você quer falar?");
  // Vendas, Financeiro, Suporte: the three groups, each its own name.
  await expect(editor.getByTestId("menu-option")).toHaveCount(3);
  await expect(editor.getByTestId("menu-kind")).toHaveText("Buttons: labels up to 20 characters");
  // A label too long for a WhatsApp button says so, and nothing can be saved.
  await editor.getByLabel("Label of option 2").fill("Financeiro e cobranças");
  await expect(editor).toContainText("With up to 3 options WhatsApp shows buttons: each label at most 20 characters.");
  await expect(editor.getByTestId("menu-save")).toBeDisabled();
  await editor.getByLabel("Label of option 2").fill("Financeiro");
  const preview = editor.getByTestId("menu-preview");
  await expect(preview).toHaveAttribute("data-kind", "button");
  await expect(preview.getByTestId("preview-button")).toHaveText(["Vendas", "Financeiro", "Suporte"]);
  await expect(editor.getByLabel("Group of option 3").locator("option:checked")).toHaveText("Suporte");
  // Who asks for Suporte is urgent (docs/behaviour.md#service-levels); the menu speaks Portuguese to contacts.
  await editor.getByLabel("Priority of option 3").selectOption("urgent");
  await editor.getByLabel("Language of the menu").selectOption("pt-BR");
  await editor.scrollIntoViewIfNeeded();
  await editor.screenshot({ path: "e2e/artifacts/routing-menu-editor-en.png" });
  await editor.getByTestId("menu-save").click();
  await expect(editor).toContainText("Menu saved.");
  await expect(manager.getByTestId("channel-menu-on")).toBeVisible();
  await expect(manager.getByTestId("history-entry").first()).toContainText("changed the entry menu of +55 11 4000-0001");

  // diego is the Suporte agent online (sequential: he receives the next one).
  const diego = await signedInPage(browser, "diego@fila.test");
  await goOnline(diego, "diego@fila.test");
  await waitForRealtime(diego);

  const waId = newWaId();
  const answered = await answerMenu({
    webhookUrl: E2E.webhookURL,
    appSecret: E2E.appSecret,
    fakeGraphUrl: E2E.graphURL,
    phoneNumberId: "100000000000001",
    waId,
    name: "Patrícia Gomes",
    choose: "Suporte",
    by: "button",
  });
  expect(answered).toMatchObject({ asked: "Olá! Com quem você quer falar?", answered: "Suporte", by: "button" });
  await expect(row(diego, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  expect(await assigneeOf(waId)).toEqual({ status: "assigned", email: "diego@fila.test" });
  await row(diego, waId).click();
  await expect(diego.getByTestId("activity-event").first()).toContainText("The contact chose “Suporte” in the menu: moved to Suporte, priority urgent");

  // Another contact has not answered yet: managers see it in All as choosing a team.
  const waiting = newWaId();
  await contactWrites("Vendas", { waId: waiting, name: "Otávio Lima" });
  await manager.goto("/inbox?tab=all");
  await expect(row(manager, waiting).getByTestId("routing-badge")).toHaveText("Choosing a team");
  await expect(row(diego, waiting)).toHaveCount(0);
  expect(await assigneeOf(waiting)).toEqual({ status: "routing", email: null });
});

test("screenshots: the menu editor and its preview, in English and Portuguese, desktop and phone", async ({ browser }) => {
  for (const locale of ["en", "pt-BR"] as const) {
    for (const viewport of [{ width: 1280, height: 1000 }, { width: 390, height: 844 }]) {
      const page = await signedInPage(browser, "manager@fila.test", { locale, viewport });
      const editor = await openMenuEditor(page);
      await editor.getByTestId("menu-enabled").check();
      if (viewport.width > 500) {
        // Four options: a list.
        await editor.getByRole("button", { name: locale === "en" ? "Add option" : "Adicionar opção" }).click();
        await editor.getByLabel(locale === "en" ? "Label of option 4" : "Rótulo da opção 4").fill(locale === "en" ? "Talk to a person" : "Falar com uma pessoa");
        await expect(editor.getByTestId("menu-preview")).toHaveAttribute("data-kind", "list");
      }
      await editor.scrollIntoViewIfNeeded();
      const name = `routing-menu-${viewport.width > 500 ? "desktop" : "phone"}-${locale}`;
      await editor.screenshot({ path: `e2e/artifacts/${name}.png` });
      const hours = page.getByTestId("business-hours");
      await hours.getByTestId("hours-enabled").check();
      await hours.scrollIntoViewIfNeeded();
      await hours.screenshot({ path: `e2e/artifacts/routing-hours-${viewport.width > 500 ? "desktop" : "phone"}-${locale}.png` });
      await page.context().close();
    }
  }
});
