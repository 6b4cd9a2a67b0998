// Two saves in a row never undo each other (issue 25 item 10): the manager picks
// Sequential and saves, then at once turns "Only online agents" off and saves again.
// Reads of the group that answer with the settings from before the first save (a read
// that started before it committed, answered late) are simulated by serving the
// pre-save details until the second save: the form must still show what was saved, and
// the second save must send only the switch. The history shows exactly the two changes.
import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { database, groupId, resetState, signedInPage } from "./fixtures";
import { seedQueued } from "./groups-fixtures";
import { waitForRealtime } from "./inbox-fixtures";

test.beforeEach(async () => {
  await resetState();
});

test("Sequential, Save, then Only online agents off within a second and Save: both changes kept, nothing else written", async ({ browser }) => {
  const vendas = await groupId("Vendas");
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto(`/omnichannel/channel-groups/${vendas}/settings`);
  await expect(manager.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
  const form = manager.getByTestId("settings-form");
  await expect(form.getByRole("radio", { name: /^Balanced/ })).toBeChecked();
  const onlineOnly = form.getByRole("switch", { name: "Only online agents receive conversations" });
  await expect(onlineOnly).toHaveAttribute("aria-checked", "true");

  // The details as they are before the first save; served to every read until the second.
  const detailsUrl = `/api/v1/manager/groups/${vendas}`;
  const before = await (await manager.request.get(detailsUrl)).text();
  let stale = true;
  let staleServed = 0;
  await manager.route(new RegExp(`/api/v1/manager/groups/${vendas}$`), async (route) => {
    if (!stale || route.request().method() !== "GET") return route.continue();
    staleServed += 1;
    await route.fulfill({ status: 200, contentType: "application/json", body: before });
  });

  await form.getByRole("radio", { name: /^Sequential/ }).check();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(manager.getByTestId("save-notice")).toContainText("Strategy: Balanced → Sequential");
  await expect.poll(() => staleServed, { timeout: 30_000 }).toBeGreaterThan(0);
  // After the save the form shows what was saved, whatever a late read says.
  await expect(form.getByRole("radio", { name: /^Sequential/ })).toBeChecked();

  await onlineOnly.click();
  await expect(onlineOnly).toHaveAttribute("aria-checked", "false");
  stale = false;
  await form.getByRole("button", { name: "Save settings" }).click();
  // Nothing is queued in Vendas, so nothing would go to people not online: no confirmation
  // (the one that appears with a queue has its own test below).
  await expect(manager.getByTestId("save-notice")).toContainText("Online only: On → Off");
  await expect(form.getByTestId("offline-confirm")).toHaveCount(0);

  const [group] = await database()`SELECT strategy, online_only FROM channel_groups WHERE id = ${vendas}`;
  expect(group).toEqual({ strategy: "sequential", online_only: false });
  const audit = await database()`SELECT changes FROM audit_log WHERE group_id = ${vendas} AND action = 'group.updated' ORDER BY id`;
  expect(audit.map((row) => row.changes)).toEqual([{ strategy: { from: "balanced", to: "sequential" } }, { onlineOnly: { from: true, to: false } }]);

  const history = manager.getByTestId("history-entry");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("Online only: On → Off");
  await expect(history.nth(1)).toContainText("Strategy: Balanced → Sequential");
  await expect(form.getByRole("radio", { name: /^Sequential/ })).toBeChecked();
  await expect(onlineOnly).toHaveAttribute("aria-checked", "false");
  await manager.context().close();
});

test("a save from a page that missed someone else's save is refused with a reason, and changes nothing", async ({ browser }) => {
  const vendas = await groupId("Vendas");
  const manager = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR" });
  // This page reads the group once, as the server renders it, and never again: what
  // another manager saves next does not reach it.
  await manager.route(new RegExp(`/api/v1/manager/groups/${vendas}$`), (route) => route.abort());
  await manager.goto(`/omnichannel/channel-groups/${vendas}/settings`);
  await expect(manager.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
  const form = manager.getByTestId("settings-form");
  await expect(form.getByRole("radio", { name: /^Equilibrado/ })).toBeChecked();
  // Another manager saves meanwhile (straight in the database: no signal either).
  await database()`UPDATE channel_groups SET max_open_per_agent = 9, version = version + 1 WHERE id = ${vendas}`;

  await form.getByRole("radio", { name: /^Sequencial/ }).check();
  await form.getByRole("button", { name: "Salvar configurações" }).click();
  await expect(form.getByText("Isso mudou nesse meio-tempo. Recarregue e tente de novo.")).toBeVisible();
  mkdirSync("e2e/artifacts", { recursive: true });
  await form.screenshot({ path: "e2e/artifacts/settings-conflict-pt-BR.png" });
  const [group] = await database()`SELECT strategy, max_open_per_agent FROM channel_groups WHERE id = ${vendas}`;
  expect(group).toEqual({ strategy: "balanced", max_open_per_agent: 9 });
  await manager.context().close();
});

test("turning Only online agents off with a queue names who is not online before saving; Keep editing saves nothing", async ({ browser }) => {
  const vendas = await groupId("Vendas");
  // Everyone in Vendas is offline but Bruno, who chose Paused in his open tab. (Paused with
  // no tab at all, presence would take him offline after its grace, 10 s here, which a
  // loaded machine can spend before the confirmation is read; and his tab opening may give
  // him back the status he had chosen before, so he chooses, then the queue is seeded.)
  const bruno = await signedInPage(browser, "bruno@fila.test");
  await waitForRealtime(bruno);
  await bruno.getByRole("radio", { name: "Paused" }).click();
  await expect.poll(async () => (await database()`SELECT status FROM users WHERE email = 'bruno@fila.test'`)[0]?.status, { timeout: 30_000 }).toBe("paused");
  await database()`UPDATE users SET status = 'offline' WHERE id IN (SELECT user_id FROM group_members WHERE group_id = ${vendas}) AND email <> 'bruno@fila.test'`;
  await seedQueued("Vendas", 3);
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto(`/omnichannel/channel-groups/${vendas}/settings`);
  const form = manager.getByTestId("settings-form");
  await form.getByRole("switch", { name: "Only online agents receive conversations" }).click();
  await form.getByRole("button", { name: "Save settings" }).click();

  const confirm = form.getByTestId("offline-confirm");
  const [waiting] = await database()`SELECT count(*)::int AS queued FROM conversations WHERE group_id = ${vendas} AND status = 'queued'`;
  const queued = Number(waiting!.queued);
  await expect(confirm).toContainText(`the ${queued} queued conversations go out as soon as you save`);
  await expect(confirm).toContainText("Bruno Lima (paused)");
  await expect(confirm).toContainText("Ana Souza (offline)");
  await confirm.screenshot({ path: "e2e/artifacts/settings-offline-confirm-en.png" });
  await confirm.getByRole("button", { name: "Keep editing" }).click();
  await expect(confirm).toHaveCount(0);
  expect((await database()`SELECT online_only FROM channel_groups WHERE id = ${vendas}`)[0]).toEqual({ online_only: true });

  await form.getByRole("button", { name: "Save settings" }).click();
  await form.getByTestId("offline-confirm-save").click();
  await expect(manager.getByTestId("save-notice")).toContainText("Online only: On → Off");
  await expect(manager.getByTestId("save-assigned")).toContainText("assigned at once");
  expect((await database()`SELECT online_only FROM channel_groups WHERE id = ${vendas}`)[0]).toEqual({ online_only: false });
  await manager.context().close();
  await bruno.context().close();
});
