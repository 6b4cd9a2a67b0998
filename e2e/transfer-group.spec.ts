// Transfer to another group (docs/behaviour.md#transfer-to-another-group): the assignee picks
// another group's queue or member in the transfer picker, writes a note, and the
// conversation leaves her tab and reaches the other group's tab live, note in the thread.
import { database, expect, test } from "./fixtures";
import { assigneeOf, contactWrites, LIVE_TIMEOUT, newWaId, row } from "./inbox-fixtures";

async function groupOf(waId: string): Promise<string> {
  const [found] = await database()`
    SELECT g.name FROM conversations c JOIN contacts k ON k.id = c.contact_id JOIN channel_groups g ON g.id = c.group_id WHERE k.wa_id = ${waId}`;
  return found!.name as string;
}

test("Ana sends a Vendas conversation to Suporte's queue with a note: Suporte's strategy gives it to Diego, live, note in the thread", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test");
  const diego = await onlineAgent("diego@fila.test");
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Sérgio Suporte" });
  // Vendas is balanced and Ana its only one online: it is hers.
  await expect(row(ana, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(ana, waId).click();

  await ana.getByRole("button", { name: "Transfer", exact: true }).click();
  const picker = ana.getByTestId("transfer-picker");
  await expect(picker.getByTestId("transfer-other-groups")).toBeVisible();
  await picker.getByRole("button", { name: /Queue of Suporte/ }).click();
  await expect(picker.getByTestId("transfer-note")).toBeFocused();
  await picker.getByTestId("transfer-note").fill("Problema técnico: o app não abre.");
  await ana.screenshot({ path: "e2e/artifacts/transfer-group-note-en.png" });
  await picker.getByTestId("transfer-confirm").click();

  // Suporte is sequential and Diego its only one online: it is his now, same number, other group.
  await expect.poll(async () => assigneeOf(waId), { timeout: LIVE_TIMEOUT }).toEqual({ status: "assigned", email: "diego@fila.test" });
  expect(await groupOf(waId)).toBe("Suporte");
  // Ana's Mine loses it, Diego's gains it, without reloading.
  await expect(row(ana, waId)).toHaveCount(0, { timeout: LIVE_TIMEOUT });
  await expect(row(diego, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(diego, waId).click();
  const note = diego.locator('[data-testid="message"][data-message-type="note"]');
  await expect(note).toContainText("Problema técnico: o app não abre.", { timeout: LIVE_TIMEOUT });
  await expect(note).toContainText("Ana");
  await expect(diego.getByTestId("activity-event").filter({ hasText: "Ana Souza sent it from Vendas to the queue of Suporte" })).toBeVisible();
  await diego.screenshot({ path: "e2e/artifacts/transfer-group-received-en.png" });
});

test("em português: Ana transfere para o Fábio, do Financeiro, com uma nota", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test", { locale: "pt-BR" });
  const fabio = await onlineAgent("fabio@fila.test", { locale: "pt-BR" });
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Bianca Boleto" });
  await expect(row(ana, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(ana, waId).click();

  await ana.getByRole("button", { name: "Transferir", exact: true }).click();
  const picker = ana.getByTestId("transfer-picker");
  await picker.getByRole("region", { name: "Financeiro" }).getByTestId("transfer-group-member").filter({ hasText: "Fábio" }).click();
  await expect(picker.getByText("Transferir para Fábio", { exact: false })).toBeVisible();
  await picker.getByTestId("transfer-note").fill("Quer a 2ª via do boleto.");
  await ana.screenshot({ path: "e2e/artifacts/transfer-group-note-pt-BR.png" });
  await picker.getByTestId("transfer-confirm").click();

  await expect.poll(async () => assigneeOf(waId), { timeout: LIVE_TIMEOUT }).toEqual({ status: "assigned", email: "fabio@fila.test" });
  expect(await groupOf(waId)).toBe("Financeiro");
  await expect(row(ana, waId)).toHaveCount(0, { timeout: LIVE_TIMEOUT });
  await expect(row(fabio, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(fabio, waId).click();
  await expect(fabio.locator('[data-testid="message"][data-message-type="note"]')).toContainText("Quer a 2ª via do boleto.", { timeout: LIVE_TIMEOUT });
  await expect(fabio.getByTestId("activity-event").filter({ hasText: "Ana Souza transferiu de Ana Souza (Vendas) para você (Financeiro)" })).toBeVisible();
  await fabio.screenshot({ path: "e2e/artifacts/transfer-group-received-pt-BR.png" });
});
