// The customer's place in line in the browser (docs/behaviour.md#place-in-line): a manager turns
// it on in the group's settings (a wrong number refused, the text previewed, the change in
// the history), a customer writes into a queue with nobody online, and the thread shows
// the position message that was sent to them.
import { expect, test } from "@playwright/test";
import { groupId, resetState, signedInPage } from "./fixtures";
import { contactWrites, giveChannelAToken, LIVE_TIMEOUT, newWaId, row, sentToGraph } from "./inbox-fixtures";

test.beforeEach(async () => {
  await resetState();
});

test("a manager turns it on; a waiting customer is told their place in line", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  const card = manager.getByTestId("place-in-line-form");
  await expect(card).toContainText("When nobody can take a new conversation");
  await card.getByRole("switch", { name: "Tell waiting customers their place in line" }).click();
  await card.getByLabel("At most (messages)").fill("0");
  await card.getByRole("button", { name: "Save settings" }).click();
  await expect(card).toContainText("Enter a whole number of messages from 1 to 20.");
  await card.getByLabel("At most (messages)").fill("2");
  await card.getByLabel("Text in Portuguese").fill("Você está em {{position}}º lugar, uns {{minutes}} min");
  await expect(card.getByTestId("position-preview-pt")).toHaveText("Você está em 3º lugar, uns 4 min");
  await expect(card.getByTestId("position-preview-en")).toHaveText("You are number 3 in line — about 4 min");
  await card.getByRole("button", { name: "Save settings" }).click();
  await expect(card).toContainText("Place-in-line settings saved.");
  await expect(manager.getByTestId("history-entry").first()).toContainText("Tell the place in line");
  await expect(card.getByRole("switch", { name: "Tell waiting customers their place in line" })).toHaveAttribute("aria-checked", "true");
  await card.screenshot({ path: "e2e/artifacts/place-in-line-settings-en.png" });

  // Nobody of Vendas is online: the customer waits, and is told (after the welcome).
  await giveChannelAToken("Vendas");
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Paula Posição" });
  await expect.poll(async () => (await sentToGraph()).filter((m) => m.to === waId).map((m) => m.body), { timeout: LIVE_TIMEOUT }).toEqual([
    "Olá! Obrigado por falar com Vendas. Já vamos te atender.",
    "Você está em 1º lugar, uns 5 min",
  ]);

  const ana = await signedInPage(browser, "ana@fila.test");
  await ana.goto("/inbox?tab=queue");
  await row(ana, waId).click();
  await expect(ana.getByTestId("message-thread").getByText("Você está em 1º lugar, uns 5 min")).toBeVisible({ timeout: LIVE_TIMEOUT });
  await ana.screenshot({ path: "e2e/artifacts/place-in-line-thread.png" });
});
