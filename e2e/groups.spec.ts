// Omnichannel › Channel Groups › Settings, end to end: a manager switches Financeiro from
// Manual to Balanced and the queue drains at once to the agents online, who see it live;
// validation, members and numbers; and agents are refused the whole area.
import { database, expect, groupId, signedInPage, signIn, test } from "./fixtures";
import { agentSession, goOnline, loadOf, queuedIn, seedQueued } from "./groups-fixtures";

test("Manual → Balanced drains 5 queued conversations 3/2 to the two agents online within a second, live, and the history shows it", async ({ browser }) => {
  const financeiro = await groupId("Financeiro");
  const elisa = await agentSession(browser, "elisa@fila.test");
  const fabio = await agentSession(browser, "fabio@fila.test");
  await goOnline(elisa.page, "elisa@fila.test");
  await goOnline(fabio.page, "fabio@fila.test");
  await seedQueued("Financeiro", 5);
  expect(await queuedIn("Financeiro")).toBe(5);

  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto(`/omnichannel/channel-groups/${financeiro}/settings`);
  await expect(manager.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
  const form = manager.getByTestId("settings-form");
  await expect(form.getByRole("radio", { name: /^Manual/ })).toBeChecked();
  await form.getByRole("radio", { name: /^Balanced/ }).check();

  await form.getByRole("button", { name: "Save settings" }).click();
  // Drained by the save itself (no sweep runs this soon); how fast is scripts/measure-latency.ts's figure.
  await expect.poll(() => queuedIn("Financeiro"), { timeout: 30_000 }).toBe(0);
  expect([await loadOf("elisa@fila.test"), await loadOf("fabio@fila.test")].sort()).toEqual([2, 3]);

  // Both agents were told at once, each about the conversations that are now theirs.
  for (const agent of [elisa, fabio]) {
    const mine = async () =>
      agent.signals.filter((s) => s.type === "conversation.changed" && s.kind === "auto" && s.assigneeId === agent.id).length;
    const load = await loadOf(agent.id === elisa.id ? "elisa@fila.test" : "fabio@fila.test");
    await expect.poll(mine, { timeout: 30_000 }).toBe(load);
    expect(agent.signals.some((s) => s.type === "group.changed" && s.groupId === financeiro)).toBe(true);
  }

  // The save says what changed and what it did; the history records who and what.
  const notice = manager.getByTestId("save-notice");
  await expect(notice).toContainText("Strategy: Manual → Balanced");
  // The save drains the queue itself; on a busy machine the periodic sweep (1 s in e2e)
  // may take part of it, so the notice counts what the save assigned — at least one.
  await expect(notice).toContainText(/[1-5] queued conversations? (was|were) assigned at once\./);
  const latest = manager.getByTestId("history-entry").first();
  await expect(latest).toContainText("Gestora Marina changed the settings");
  await expect(latest).toContainText("Strategy: Manual → Balanced");
  await expect(manager.getByTestId("strategy-badge").first()).toHaveText("Balanced");
  const [audit] = await database()`SELECT action, changes FROM audit_log WHERE group_id = ${financeiro} ORDER BY id DESC LIMIT 1`;
  expect(audit).toEqual({ action: "group.updated", changes: { strategy: { from: "manual", to: "balanced" } } });

  // The list of groups shows the empty queue.
  await manager.goto("/omnichannel/channel-groups");
  const row = manager.locator('[data-testid="group-row"][data-group-name="Financeiro"]');
  await expect(row.getByTestId("group-queue")).toContainText("0");
  await expect(row.getByTestId("group-online")).toContainText("2 / 2");
  await Promise.all([elisa.close(), fabio.close()]);
});

test("invalid settings are refused with a message per field and nothing changes", async ({ browser }) => {
  const financeiro = await groupId("Financeiro");
  const page = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR" });
  await page.goto(`/omnichannel/channel-groups/${financeiro}/settings`);
  const form = page.getByTestId("settings-form");
  await form.getByLabel("Nome do grupo").fill("");
  await form.getByLabel("Conversas abertas por agente").fill("0");
  await form.getByRole("radio", { name: /^Sequencial/ }).check();
  await form.getByRole("button", { name: "Salvar configurações" }).click();
  await expect(page.getByTestId("error-group-name")).toHaveText("Informe um nome.");
  await expect(page.getByTestId("error-group-cap")).toHaveText("Informe um número inteiro de 1 a 1000, ou deixe vazio para não limitar.");
  for (const cap of ["-3", "1001", "abc", "2.5"]) {
    await form.getByLabel("Nome do grupo").fill("Financeiro");
    await form.getByLabel("Conversas abertas por agente").fill(cap);
    await form.getByRole("button", { name: "Salvar configurações" }).click();
    await expect(page.getByTestId("error-group-cap")).toBeVisible();
  }
  const [group] = await database()`SELECT name, strategy, max_open_per_agent FROM channel_groups WHERE id = ${financeiro}`;
  expect(group).toEqual({ name: "Financeiro", strategy: "manual", max_open_per_agent: null });
  expect((await database()`SELECT count(*)::int AS n FROM audit_log`)[0]!.n).toBe(0);

  // A valid cap and welcome message save, with a WhatsApp-style preview.
  await form.getByLabel("Conversas abertas por agente").fill("3");
  await form.getByLabel("Mensagem de boas-vindas").fill("Olá! Aqui é o Financeiro.");
  await expect(page.getByTestId("welcome-preview")).toContainText("Olá! Aqui é o Financeiro.");
  await form.getByRole("button", { name: "Salvar configurações" }).click();
  await expect(page.getByTestId("save-notice")).toContainText("Limite por agente: Sem limite → 3");
  await expect(page.getByTestId("history-entry").first()).toContainText("Gestora Marina alterou as configurações");
});

test("members and WhatsApp numbers: the token is stored, never shown", async ({ browser }) => {
  const financeiro = await groupId("Financeiro");
  const page = await signedInPage(browser, "manager@fila.test");
  await page.goto(`/omnichannel/channel-groups/${financeiro}/settings`);

  const members = page.getByTestId("members-panel");
  await members.getByRole("combobox", { name: "Choose an agent" }).selectOption({ label: "Diego Alves · diego@fila.test" });
  await members.getByRole("button", { name: "Add" }).click();
  await expect(members.locator('[data-member-name="Diego Alves"]')).toBeVisible();
  await expect(page.getByTestId("history-entry").first()).toContainText("added Diego Alves");
  await members.getByRole("button", { name: "Remove Diego Alves" }).click();
  await expect(members.locator('[data-member-name="Diego Alves"]')).toHaveCount(0);

  const token = "EAAG-e2e-secret-token-0123456789";
  const channels = page.getByTestId("channels-panel");
  await channels.getByLabel("Display number").fill("+55 11 4000-0100");
  await channels.getByLabel("Phone-number ID").fill("100000000000001");
  await channels.getByLabel("Access token").fill(token);
  await channels.getByRole("button", { name: "Add number" }).click();
  await expect(page.getByTestId("error-channel-phone-number-id")).toHaveText("Another number already uses this phone-number ID.");
  await channels.getByLabel("Phone-number ID").fill("100000000000100");
  await channels.getByRole("button", { name: "Add number" }).click();
  const added = channels.locator('[data-testid="channel"][data-phone-number-id="100000000000100"]');
  await expect(added.getByTestId("channel-token")).toHaveText("Token set");
  await expect(page.getByTestId("history-entry").first()).toContainText("added the number +55 11 4000-0100");

  const [stored] = await database()`SELECT access_token_encrypted FROM channels WHERE phone_number_id = '100000000000100'`;
  expect(stored!.access_token_encrypted).toMatch(/^v1\./);
  expect(await page.content()).not.toContain(token);
  const api = await page.request.get(`/api/v1/manager/groups/${financeiro}`);
  expect(await api.text()).not.toContain(token);
  expect(await api.text()).not.toContain(stored!.access_token_encrypted);

  await added.getByRole("button", { name: "Deactivate" }).click();
  await expect(added).toContainText("Inactive");
  await added.getByRole("combobox", { name: "Move to" }).selectOption({ label: "Vendas" });
  await added.getByRole("button", { name: "Move" }).click();
  await expect(added).toHaveCount(0);
  await expect(page.getByTestId("history-entry").first()).toContainText("moved the number +55 11 4000-0100");
});

test("an agent has no Omnichannel entry, and the server refuses them the pages and the API", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, "ana@fila.test");
  const sidebar = page.getByTestId("sidebar");
  await expect(sidebar.getByRole("link", { name: "Inbox" })).toBeVisible();
  await expect(sidebar.getByText("Omnichannel")).toHaveCount(0);
  await expect(sidebar.getByRole("link", { name: "Channel Groups" })).toHaveCount(0);

  const financeiro = await groupId("Financeiro");
  for (const path of ["/omnichannel/channel-groups", `/omnichannel/channel-groups/${financeiro}`, `/omnichannel/channel-groups/${financeiro}/settings`, "/omnichannel/board", "/omnichannel/team"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden"), path).toBeVisible();
    await expect(page.getByTestId("settings-form")).toHaveCount(0);
  }

  const created = await page.request.post("/api/v1/manager/groups", { data: { name: "Grupo da Ana" } });
  expect(created.status()).toBe(403);
  expect(await created.json()).toMatchObject({ ok: false, error: { code: "forbidden" } });
  for (const path of ["/api/v1/manager/groups", "/api/v1/manager/board", `/api/v1/manager/groups/${financeiro}`, "/api/v1/manager/team"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
  }
  expect((await database()`SELECT count(*)::int AS n FROM channel_groups WHERE name = 'Grupo da Ana'`)[0]!.n).toBe(0);

  // The same POST from a manager creates the group: the route itself works, the role decides.
  const manager = await signedInPage(browser, "manager@fila.test");
  const ok = await manager.request.post("/api/v1/manager/groups", { data: { name: "Cobrança" } });
  expect(ok.status()).toBe(201);
  expect(await ok.json()).toMatchObject({ group: { name: "Cobrança", strategy: "manual" } });
  const invalid = await manager.request.post("/api/v1/manager/groups", { data: { name: "" } });
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toMatchObject({ ok: false, error: { code: "invalid_input", fields: { name: "groups.invalid.nameRequired" } } });
  await context.close();
});
