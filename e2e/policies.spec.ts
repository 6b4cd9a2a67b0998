// Distribution policies (docs/behaviour.md#policies, #why-this-agent) in the browser: a manager turns on no-reply
// reassignment, a conversation nobody answers moves live to the other agent and the
// manager sees why; an agent returns a conversation and it goes to the colleague.
// The e2e server runs a policy "minute" in E2E.policyMinuteSeconds seconds.
import { database, expect, groupId, signedInPage, test } from "./fixtures";
import { assigneeOf, contactWrites, giveChannelAToken, goOnline, newWaId, row, waitForRealtime } from "./inbox-fixtures";

async function conversationIdOf(waId: string): Promise<number> {
  const [found] = await database()`SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`;
  return found!.id as number;
}

test("no reply in 1 minute: the conversation moves live to the other agent, and the manager sees why", async ({ browser }) => {
  await giveChannelAToken("Vendas");
  const ana = await signedInPage(browser, "ana@fila.test");
  const bruno = await signedInPage(browser, "bruno@fila.test");
  const manager = await signedInPage(browser, "manager@fila.test");
  // ana first: in a tie the one who became available first receives it.
  await goOnline(ana, "ana@fila.test");
  await goOnline(bruno, "bruno@fila.test");

  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  const policies = manager.getByTestId("policies");
  await expect(policies).toContainText("A conversation assigned automatically that its agent has not answered in this time goes to someone else.");
  await policies.getByLabel("Reassign when there is no reply within (minutes)").fill("1441");
  await manager.getByTestId("settings-form").getByRole("button", { name: "Save settings" }).click();
  await expect(manager.getByTestId("error-group-no-reply")).toHaveText("Enter whole minutes from 1 to 1440, or leave it empty to turn it off.");
  await policies.getByLabel("Reassign when there is no reply within (minutes)").fill("1");
  await manager.getByTestId("settings-form").getByRole("button", { name: "Save settings" }).click();
  await expect(manager.getByTestId("history-entry").first()).toContainText("Reassign without reply (min)");
  await expect(manager.getByTestId("history-entry").first()).toContainText("Off → 1");
  await policies.scrollIntoViewIfNeeded();
  await manager.screenshot({ path: "e2e/artifacts/policies-settings-en.png" });

  for (const page of [ana, bruno]) await waitForRealtime(page);
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Rafael Nunes" });
  await expect(row(ana, waId)).toBeVisible();
  expect(await assigneeOf(waId)).toEqual({ status: "assigned", email: "ana@fila.test" });

  // ana does not answer: a policy minute later the sweep gives it to bruno, live.
  await expect(row(bruno, waId)).toBeVisible({ timeout: 60_000 });
  await expect(row(ana, waId)).toHaveCount(0);
  await expect.poll(async () => (await assigneeOf(waId)).email).toBe("bruno@fila.test");
  // bruno answers in time: it stays his.
  await row(bruno, waId).click();
  const box = bruno.getByRole("textbox", { name: "Reply" });
  await box.fill("Oi, Rafael! Já vou te ajudar.");
  await box.press("Enter");
  await expect(bruno.getByTestId("message").filter({ hasText: "Oi, Rafael!" })).toBeVisible();

  const id = await conversationIdOf(waId);
  await manager.goto(`/inbox?tab=all&c=${id}`);
  const why = manager.getByTestId("why-panel");
  await expect(why.locator("summary")).toHaveText("Why Bruno Lima?");
  await why.locator("summary").click();
  const anaRow = why.locator('[data-testid="why-candidate"][data-name="Ana Souza"]');
  await expect(anaRow).toHaveAttribute("data-eligible", "false");
  await expect(anaRow.getByTestId("why-not")).toHaveText("returned it, or it was reassigned from them");
  await expect(why.locator('[data-testid="why-candidate"][data-name="Carla Dias"]').getByTestId("why-not")).toHaveText("offline");
  const thread = manager.getByTestId("message-thread");
  await expect(thread.getByTestId("activity-event").nth(0)).toContainText("Assigned automatically to Ana Souza");
  await expect(thread.getByTestId("activity-event").nth(1)).toContainText("Reassigned: no reply in 1 min");
  await expect(thread.getByTestId("activity-event").nth(2)).toContainText("Assigned automatically to Bruno Lima");
  await manager.screenshot({ path: "e2e/artifacts/policies-why-en.png" });
  // The agents see the same history in their thread, in their language.
  const brunoPt = await signedInPage(browser, "bruno@fila.test", { locale: "pt-BR" });
  await brunoPt.goto(`/inbox?tab=mine&c=${id}`);
  await expect(brunoPt.getByTestId("activity-event").nth(1)).toContainText("Redistribuída: sem resposta em 1 min");
  await expect(brunoPt.getByTestId("why-panel")).toHaveCount(0);
  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  const members = manager.getByTestId("members-panel");
  await members.scrollIntoViewIfNeeded();
  await expect(members.locator('[data-member-name="Bruno Lima"]')).toContainText("1 open here");
  await manager.screenshot({ path: "e2e/artifacts/policies-members-en.png" });

  // Removing bruno offers to return his conversation to the queue (the default) or keep it with him.
  await members.getByRole("button", { name: "Remove Bruno Lima" }).click();
  const dialog = manager.getByRole("dialog", { name: "Remove Bruno Lima from the group?" });
  await expect(dialog.getByRole("radio", { name: "Return their open conversation to the queue" })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: "Keep them with Bruno Lima" })).not.toBeChecked();
  await manager.screenshot({ path: "e2e/artifacts/policies-remove-member-en.png" });
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(members.locator('[data-member-name="Bruno Lima"]')).toHaveCount(0);
  // ana returned it (lost it to the policy) and carla is offline: everyone eligible has
  // returned it, so it goes back to ana rather than strand, and the reason says so.
  await expect.poll(async () => await assigneeOf(waId)).toEqual({ status: "assigned", email: "ana@fila.test" });
  await manager.goto(`/inbox?tab=all&c=${id}`);
  const events = manager.getByTestId("activity-event");
  await expect(events.filter({ hasText: "Returned to the queue: Bruno Lima left the group" })).toHaveCount(1);
  await expect(events.last()).toContainText("Assigned automatically to Ana Souza: everyone who could receive it had returned it");
  await manager.getByTestId("why-panel").locator("summary").click();
  await expect(manager.getByTestId("why-returned")).toHaveText(
    "Everyone who could receive it had returned it, so it went to the one who returned it longest ago: Ana Souza.",
  );
  await manager.screenshot({ path: "e2e/artifacts/policies-returned-longest-ago-en.png" });

  for (const page of [ana, bruno, brunoPt, manager]) await page.context().close();
});

test("an agent returns a conversation to the queue and it goes to the colleague, not back to them", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test");
  const bruno = await onlineAgent("bruno@fila.test");

  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Lúcia Prado" });
  await row(ana, waId).click();
  await ana.getByRole("button", { name: "Transfer" }).click();
  await ana.getByRole("dialog", { name: "Transfer to" }).getByRole("button", { name: "Return to queue" }).click();

  await expect(row(bruno, waId)).toBeVisible();
  await expect.poll(async () => (await assigneeOf(waId)).email).toBe("bruno@fila.test");
  await row(bruno, waId).click();
  const events = bruno.getByTestId("message-thread").getByTestId("activity-event");
  await expect(events.nth(1)).toContainText("Returned to the queue by Ana Souza");
  await expect(events.nth(2)).toContainText("Assigned automatically to you");
  for (const page of [ana, bruno]) await page.context().close();
});
