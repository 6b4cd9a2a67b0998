// Conversations reaching the right inboxes, live: a sequential group assigns to the
// agent whose turn it is; a manual group shows it in every member's queue and lets
// exactly one of two simultaneous takers have it.
import { type Page } from "@playwright/test";
import { database, expect, signedInPage, test } from "./fixtures";
import { assigneeOf, contactWrites, goOnline, LIVE_TIMEOUT, newWaId, row, waitForRealtime } from "./inbox-fixtures";

test("Suporte (sequential, online only): the agent whose turn it is gets it in Mine within a second, the other does not", async ({ browser }) => {
  const diego = await signedInPage(browser, "diego@fila.test");
  const elisa = await signedInPage(browser, "elisa@fila.test");
  const manager = await signedInPage(browser, "manager@fila.test");
  // diego comes online first: in a sequential group he is first in line.
  await goOnline(diego, "diego@fila.test");
  await goOnline(elisa, "elisa@fila.test");
  await manager.goto("/inbox?tab=all");
  for (const page of [diego, elisa, manager]) await waitForRealtime(page);
  await expect(diego.getByTestId("tab-mine")).toHaveAttribute("aria-selected", "true");

  const waId = newWaId();
  await contactWrites("Suporte", { waId, name: "Otávio Barbosa" });
  // Live, without a reload (how fast is scripts/measure-latency.ts's figure, not a test's).
  await expect(row(diego, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });

  expect(await assigneeOf(waId)).toEqual({ status: "assigned", email: "diego@fila.test" });
  await expect(diego.getByTestId("tab-count-mine")).toHaveText("1");
  await expect(row(diego, waId)).toContainText("Otávio Barbosa");
  // Not in elisa's Mine, nor in her queue: it is diego's.
  await expect(elisa.getByTestId("tab-count-mine")).toHaveText("0");
  await expect(row(elisa, waId)).toHaveCount(0);
  await elisa.getByTestId("tab-queue").click();
  await expect(elisa.getByTestId("list-empty")).toBeVisible();
  await expect(row(elisa, waId)).toHaveCount(0);
  // The manager sees it in All, with who has it.
  await expect(row(manager, waId)).toContainText("Diego Alves");

  // The next one goes to elisa: diego went to the back of the line.
  const next = newWaId();
  await contactWrites("Suporte", { waId: next, name: "Sabrina Cardoso" });
  await expect(row(elisa, next)).toHaveCount(0);
  await elisa.getByTestId("tab-mine").click();
  await expect(row(elisa, next)).toBeVisible();
  await expect(row(diego, next)).toHaveCount(0);
  for (const page of [diego, elisa, manager]) await page.context().close();
});

async function openFromQueue(page: Page, waId: string) {
  await row(page, waId).click();
  await expect(page.getByTestId("conversation-view")).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign to me" })).toBeVisible();
}

test("Financeiro (manual): a new conversation shows in both members' queues; two take it at once, one gets it, the other is told who", async ({ browser }) => {
  const elisa = await signedInPage(browser, "elisa@fila.test");
  const fabio = await signedInPage(browser, "fabio@fila.test", { locale: "pt-BR" });
  for (const page of [elisa, fabio]) {
    await page.goto("/inbox?tab=queue");
    await waitForRealtime(page);
  }

  const waId = newWaId();
  await contactWrites("Financeiro", { waId, name: "Helena Almeida" });
  await expect(row(elisa, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(row(fabio, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(row(elisa, waId).getByTestId("wait-time")).toBeVisible();
  await expect(row(elisa, waId)).toContainText("Financeiro");

  await openFromQueue(elisa, waId);
  await row(fabio, waId).click();
  const fabioTake = fabio.getByRole("button", { name: "Atribuir a mim" });
  await expect(fabioTake).toBeVisible();

  // Both click at the same moment.
  await Promise.all([elisa.getByRole("button", { name: "Assign to me" }).click(), fabioTake.click()]);

  await expect.poll(async () => (await assigneeOf(waId)).email).not.toBeNull();
  const { email } = await assigneeOf(waId);
  const [winner, loser, winnerName] = email === "elisa@fila.test" ? [elisa, fabio, "Elisa Rocha"] : [fabio, elisa, "Fábio Melo"];
  const loserText = loser === fabio ? `${winnerName} já assumiu esta conversa.` : `${winnerName} already took this conversation.`;

  // The loser is told who has it, and it leaves their queue.
  await expect(loser.getByTestId("toast-error")).toHaveText(loserText);
  await expect(row(loser, waId)).toHaveCount(0);
  await expect(loser.getByTestId("conversation-assignee")).toHaveText(winnerName);
  // The winner has it in Mine.
  await expect(winner).toHaveURL(/tab=mine/);
  await expect(winner.getByTestId("conversation-assignee")).toHaveText(winner === fabio ? "Você" : "You");
  await expect(row(winner, waId)).toBeVisible();
  await expect(winner.getByTestId("tab-count-mine")).toHaveText("1");
  await expect(winner.getByTestId("toast-error")).toHaveCount(0);
  for (const page of [elisa, fabio]) await page.context().close();
});

test("transfer to a colleague (with their status and load), back to the queue, and a manager's assignment, all live", async ({ browser }) => {
  const elisa = await signedInPage(browser, "elisa@fila.test");
  const fabio = await signedInPage(browser, "fabio@fila.test");
  const manager = await signedInPage(browser, "manager@fila.test");
  await goOnline(elisa, "elisa@fila.test");
  await fabio.getByRole("radio", { name: "Paused" }).click();
  await manager.goto("/inbox?tab=queue");
  for (const page of [elisa, fabio, manager]) await waitForRealtime(page);

  const waId = newWaId();
  await contactWrites("Financeiro", { waId, name: "Vitória Lima" });
  await elisa.getByTestId("tab-queue").click();
  await openFromQueue(elisa, waId);
  await elisa.getByRole("button", { name: "Assign to me" }).click();
  await expect(elisa.getByTestId("conversation-assignee")).toHaveText("You");

  // Escape closes the picker and gives focus back to its button.
  await elisa.getByRole("button", { name: "Transfer" }).click();
  await expect(elisa.getByRole("dialog", { name: "Transfer to" })).toBeVisible();
  await elisa.keyboard.press("Escape");
  await expect(elisa.getByRole("dialog", { name: "Transfer to" })).toHaveCount(0);
  await expect(elisa.getByRole("button", { name: "Transfer" })).toBeFocused();

  // The picker lists the group's members with their status and load.
  await elisa.getByRole("button", { name: "Transfer" }).click();
  const picker = elisa.getByRole("dialog", { name: "Transfer to" });
  await expect(picker.getByRole("button", { name: "Return to queue" })).toBeVisible();
  const toFabio = picker.getByTestId("transfer-member").filter({ hasText: "Fábio Melo" });
  await expect(toFabio).toContainText("Paused");
  await expect(toFabio).toContainText("0 open");
  await expect(picker.getByTestId("transfer-member").filter({ hasText: "Elisa Rocha" })).toBeDisabled();
  // A colleague's presence changes while the picker is open.
  await fabio.getByRole("radio", { name: "Online" }).click();
  await expect(toFabio).toContainText("Online");
  await elisa.screenshot({ path: "e2e/artifacts/inbox-desktop-en-transfer.png" });
  await toFabio.click();

  await expect(elisa.getByTestId("toast-info").filter({ hasText: "Transferred to Fábio Melo." })).toBeVisible();
  await expect(row(fabio, waId)).toBeVisible();
  // Assigned to fabio by someone else: the alert (sound, notification or message) fired. (An
  // alert that the conversation waited in Financeiro's queue may have come before it, if
  // Elisa's take came later than the alert's pause: whether it did depends on the machine.)
  await expect(fabio.getByTestId("app-alerts")).toHaveAttribute("data-last-kinds", "assigned");
  await expect(row(elisa, waId)).toHaveCount(0);

  await row(fabio, waId).click();
  await fabio.getByRole("button", { name: "Transfer" }).click();
  await fabio.getByRole("dialog", { name: "Transfer to" }).getByRole("button", { name: "Return to queue" }).click();
  await expect(fabio.getByTestId("conversation-status")).toHaveText("In queue");
  await expect(row(manager, waId)).toBeVisible();

  // A manager gives it to elisa.
  await row(manager, waId).click();
  await manager.getByRole("button", { name: "Assign", exact: true }).click();
  await manager.getByRole("dialog", { name: "Assign to" }).getByTestId("transfer-member").filter({ hasText: "Elisa Rocha" }).click();
  await expect(manager.getByTestId("conversation-assignee")).toHaveText("Elisa Rocha");
  await elisa.getByTestId("tab-mine").click();
  await expect(row(elisa, waId)).toBeVisible();
  expect(await assigneeOf(waId)).toEqual({ status: "assigned", email: "elisa@fila.test" });
  const kinds = await database()`
    SELECT e.kind FROM assignment_events e JOIN conversations c ON c.id = e.conversation_id JOIN contacts k ON k.id = c.contact_id
     WHERE k.wa_id = ${waId} ORDER BY e.id`;
  expect(kinds.map((k) => k.kind)).toEqual(["self", "transfer", "requeue", "manager"]);
  for (const page of [elisa, fabio, manager]) await page.context().close();
});
