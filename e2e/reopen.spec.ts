// Reopening a closed conversation (docs/behaviour.md#the-inbox): the agent closes one,
// opens it again from its view, and has it — the thread says who reopened it.
import { database, expect, test } from "./fixtures";
import { assigneeOf, contactWrites, LIVE_TIMEOUT, newWaId, row } from "./inbox-fixtures";

test("an agent closes a conversation, reopens it from its view, and has it again", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test");
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Rafaela Retorno" });
  // Vendas is balanced and Ana the only one online: it is hers.
  await expect(row(ana, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(ana, waId).click();
  await ana.getByRole("button", { name: "Close", exact: true }).click();
  await expect.poll(async () => (await assigneeOf(waId)).status, { timeout: LIVE_TIMEOUT }).toBe("closed");

  const [conversation] = await database()`SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`;
  await ana.goto(`/inbox?c=${conversation!.id}`);
  await expect(ana.getByTestId("conversation-status")).toHaveText("Closed");
  await ana.getByTestId("reopen-button").click();
  await expect(ana.getByTestId("conversation-status")).toHaveText("Assigned", { timeout: LIVE_TIMEOUT });
  await expect(ana.getByTestId("conversation-assignee")).toHaveText("You");
  await expect(ana.getByTestId("activity-event").last()).toContainText("You reopened the conversation", { timeout: LIVE_TIMEOUT });
  expect(await assigneeOf(waId)).toEqual({ status: "assigned", email: "ana@fila.test" });
  await ana.screenshot({ path: "e2e/artifacts/reopen-en.png" });
});
