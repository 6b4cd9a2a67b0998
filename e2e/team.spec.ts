// The team: a manager creates an agent who can sign in, resets their password, and
// deactivates them: their open conversation goes back to the queue and to a colleague,
// and they cannot sign in any more. From a row: the role (asked first), the groups, sign
// out everywhere (asked first); search, filters and acting on several people at once;
// the row's tools in Portuguese.
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { database, expect, signedInPage, signIn, test, userId } from "./fixtures";
import { agentSession, contactWrites, goOnline, loadOf, queuedIn } from "./groups-fixtures";

test("create an agent, reset the password, deactivate: the conversation is redistributed and sign-in refused", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/team");
  const form = manager.getByTestId("create-user-form");
  await form.getByLabel("Name").fill("Helena Prado");
  await form.getByLabel("Email").fill("helena@fila.test");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(manager.getByTestId("error-user-password")).toHaveText("Use at least 8 characters.");
  await form.getByLabel("Email").fill("ana@fila.test");
  await form.getByLabel("Initial password").fill("senha-da-helena");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(manager.getByTestId("error-user-email")).toHaveText("Someone already uses this email.");
  await form.getByLabel("Email").fill("helena@fila.test");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Helena Prado can now sign in as helena@fila.test.");
  const row = manager.locator('[data-testid="team-member"][data-email="helena@fila.test"]');
  await expect(row).toContainText("No group");
  const [stored] = await database()`SELECT password_hash FROM users WHERE email = 'helena@fila.test'`;
  expect(stored!.password_hash).toMatch(/^\$argon2id\$/);

  // A new password; she joins Vendas and goes online.
  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel("New password for Helena Prado").fill("nova-senha-da-helena");
  await row.getByRole("button", { name: "Save password" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("The password of Helena Prado was changed.");
  await database()`INSERT INTO group_members (group_id, user_id) SELECT g.id, u.id FROM channel_groups g, users u WHERE g.name = 'Vendas' AND u.email = 'helena@fila.test'`;
  const helenaContext = await browser.newContext({ locale: "en-US" });
  const helena = await helenaContext.newPage();
  await signIn(helena, "helena@fila.test", "nova-senha-da-helena");
  await goOnline(helena, "helena@fila.test");
  await expect(row).toContainText("Vendas");

  // She is the only one online in Vendas: a new conversation is hers. Then Bruno comes online.
  await contactWrites("Vendas", "Otávio Reis");
  await expect.poll(() => loadOf("helena@fila.test")).toBe(1);
  const bruno = await agentSession(browser, "bruno@fila.test");
  await goOnline(bruno.page, "bruno@fila.test");

  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("alertdialog")).toContainText("their open conversations go back to the queue");
  await row.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Helena Prado was deactivated; 1 open conversation went back to the queue.");
  await expect(row).toContainText("Inactive");
  expect(await loadOf("helena@fila.test")).toBe(0);
  expect(await loadOf("bruno@fila.test")).toBe(1);
  const events = await database()`
    SELECT e.kind FROM assignment_events e JOIN conversations c ON c.id = e.conversation_id
     JOIN contacts k ON k.id = c.contact_id WHERE k.profile_name = 'Otávio Reis' ORDER BY e.id`;
  expect(events.map((e) => e.kind)).toEqual(["auto", "requeue", "auto"]);

  // Her open tab is signed out at once (the session ends live, with the reason), and she cannot sign in again.
  await expect(helena).toHaveURL(/\/login\?reason=deactivated/);
  await helena.locator('input[name="email"]').fill("helena@fila.test");
  await helena.locator('input[name="password"]').fill("nova-senha-da-helena");
  await helena.locator('button[type="submit"]').click();
  // She knows her password, so she is told why (issue 11: not "wrong email or password").
  await expect(helena.getByTestId("login-error")).toHaveText("This account is deactivated. Ask a manager to reactivate it.");

  // Reactivated, she can sign in again.
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Helena Prado can sign in again.");
  await helenaContext.clearCookies();
  await signIn(helena, "helena@fila.test", "nova-senha-da-helena");
  await Promise.all([helenaContext.close(), bruno.close()]);
});

const rowOf = (page: Page, email: string) => page.locator(`[data-testid="team-member"][data-email="${email}"]`);

test("change a role from the row: asked first; the person is signed out and comes back as a manager; the last manager cannot step down", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  const ana = await signedInPage(browser, "ana@fila.test");
  await manager.goto("/omnichannel/team");
  const row = rowOf(manager, "ana@fila.test");
  await row.getByRole("button", { name: "Make manager" }).click();
  const dialog = row.getByRole("alertdialog");
  await expect(dialog).toContainText("Make Ana Souza a manager?");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await database()`SELECT role FROM users WHERE email = 'ana@fila.test'`)[0]!.role).toBe("agent");

  await row.getByRole("button", { name: "Make manager" }).click();
  await row.getByRole("alertdialog").getByRole("button", { name: "Make manager" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Ana Souza is now a manager.");
  await expect(row).toContainText("ana@fila.test · Manager");
  // Her open tab goes to sign in, told why; signed in again, the manager area is hers.
  await expect(ana).toHaveURL(/\/login\?reason=role-changed/, { timeout: 30_000 });
  await expect(ana.getByTestId("login-ended")).toHaveText("Your role was changed, so you were signed out. Sign in again to continue.");
  await signIn(ana, "ana@fila.test");
  await ana.goto("/omnichannel/team");
  await expect(rowOf(ana, "manager@fila.test")).toBeVisible();

  // The first manager steps down (two managers now) and is signed out; Ana, the last one, cannot.
  const self = rowOf(manager, "manager@fila.test");
  await self.getByRole("button", { name: "Make agent" }).click();
  await expect(self.getByRole("alertdialog")).toContainText("Make yourself an agent?");
  await self.getByRole("alertdialog").getByRole("button", { name: "Make agent" }).click();
  await expect(manager).toHaveURL(/\/login\?reason=role-changed/, { timeout: 30_000 });
  expect((await database()`SELECT role FROM users WHERE email = 'manager@fila.test'`)[0]!.role).toBe("agent");
  await ana.reload();
  await rowOf(ana, "ana@fila.test").getByRole("button", { name: "Make agent" }).click();
  await rowOf(ana, "ana@fila.test").getByRole("alertdialog").getByRole("button", { name: "Make agent" }).click();
  await expect(rowOf(ana, "ana@fila.test")).toContainText("You are the last active manager");
  expect((await database()`SELECT role FROM users WHERE email = 'ana@fila.test'`)[0]!.role).toBe("manager");
  await Promise.all([manager.context().close(), ana.context().close()]);
});

test("groups from a person's row: add to one, remove from another keeping their conversations", async ({ browser }) => {
  // Diego holds a conversation in Suporte.
  await contactWrites("Suporte", "Marcos Pereira");
  await expect.poll(() => queuedIn("Suporte"), { timeout: 60_000 }).toBe(1);
  const [conversation] = await database()`
    UPDATE conversations SET status = 'assigned', assignee_id = (SELECT id FROM users WHERE email = 'diego@fila.test'), assigned_at = now()
     WHERE status = 'queued' AND group_id = (SELECT id FROM channel_groups WHERE name = 'Suporte') RETURNING id`;
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/team");
  const row = rowOf(manager, "diego@fila.test");
  await row.getByRole("button", { name: "Groups" }).click();
  const groups = row.getByTestId("member-groups");
  await groups.getByLabel("Group to add Diego Alves to").selectOption({ label: "Vendas" });
  await groups.getByRole("button", { name: "Add to group" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Diego Alves was added to Vendas.");
  await expect(row).toContainText("Vendas");

  await groups.getByRole("button", { name: "Remove Diego Alves from Suporte" }).click();
  const dialog = manager.getByRole("dialog", { name: "Remove Diego Alves from Suporte?" });
  await dialog.getByText("Keep them with Diego Alves").click();
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Diego Alves left Suporte.");
  const memberships = await database()`
    SELECT g.name FROM group_members m JOIN channel_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
     WHERE u.email = 'diego@fila.test' ORDER BY g.name`;
  expect(memberships.map((m) => m.name)).toEqual(["Vendas"]);
  const [kept] = await database()`SELECT status, assignee_id FROM conversations WHERE id = ${conversation!.id}`;
  expect(kept).toEqual({ status: "assigned", assignee_id: await userId("diego@fila.test") });
  await manager.context().close();
});

test("search and filters; bulk add to a group; sign out everywhere asks first", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/team");
  await expect(manager.getByTestId("team-count")).toHaveText("7 of 7 people");
  const find = manager.getByRole("search", { name: "Find people" });
  await find.getByLabel("Search the team").fill("fabio");
  await expect(manager.getByTestId("team-member")).toHaveCount(1);
  await expect(manager.getByTestId("team-member")).toHaveAttribute("data-email", "fabio@fila.test");
  await find.getByLabel("Search the team").fill("");
  await find.getByLabel("Role").selectOption({ label: "Manager" });
  await expect(manager.getByTestId("team-member")).toHaveCount(1);
  await manager.getByRole("button", { name: "Clear filters" }).click();
  await find.getByLabel("Group").selectOption({ label: "Financeiro" });
  await expect(manager.getByTestId("team-count")).toHaveText("2 of 7 people");
  await find.getByLabel("Search the team").fill("nobody-here");
  await expect(manager.getByTestId("team-none")).toBeVisible();
  await manager.getByRole("button", { name: "Clear filters" }).click();

  // Ana and Bruno to Financeiro at once.
  await manager.getByLabel("Select Ana Souza").check();
  await manager.getByLabel("Select Bruno Lima").check();
  const bulk = manager.getByTestId("team-bulk");
  await expect(bulk).toContainText("2 people selected");
  await bulk.getByLabel("Group to add the selected people to").selectOption({ label: "Financeiro" });
  await bulk.getByRole("button", { name: "Add to group" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("2 people done.");
  const financeiro = await database()`
    SELECT u.email FROM group_members m JOIN channel_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
     WHERE g.name = 'Financeiro' ORDER BY u.email`;
  expect(financeiro.map((r) => r.email)).toEqual(["ana@fila.test", "bruno@fila.test", "elisa@fila.test", "fabio@fila.test"]);

  // Sign out everywhere: a question first; Cancel changes nothing.
  const version = async () => (await database()`SELECT session_version FROM users WHERE email = 'bruno@fila.test'`)[0]!.session_version as number;
  const before = await version();
  const row = rowOf(manager, "bruno@fila.test");
  await row.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(row.getByRole("alertdialog")).toContainText("Sign Bruno Lima out on every device?");
  await manager.keyboard.press("Escape");
  await expect(row.getByRole("alertdialog")).toHaveCount(0);
  expect(await version()).toBe(before);
  await row.getByRole("button", { name: "Sign out everywhere" }).click();
  await row.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(manager.getByTestId("team-notice")).toHaveText("Bruno Lima was signed out everywhere.");
  expect(await version()).toBe(before + 1);
  await manager.context().close();
});

test("the team page at phone width: the row's tools fit", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test", { viewport: { width: 390, height: 844 } });
  await manager.goto("/omnichannel/team");
  const row = rowOf(manager, "carla@fila.test");
  await row.getByRole("button", { name: "Groups" }).click();
  await expect(row.getByTestId("member-groups")).toBeVisible();
  const overflow = await manager.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  mkdirSync("e2e/artifacts", { recursive: true });
  await manager.screenshot({ path: "e2e/artifacts/team-phone.png", fullPage: true });
  await manager.setViewportSize({ width: 1280, height: 900 });
  await row.getByRole("button", { name: "Make manager" }).click();
  await manager.screenshot({ path: "e2e/artifacts/team-desktop.png", fullPage: true });
  await manager.context().close();
});

test("a person's row tools in Portuguese: role and groups", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR", viewport: { width: 1280, height: 900 } });
  await manager.goto("/omnichannel/team");
  mkdirSync("e2e/artifacts", { recursive: true });
  const row = rowOf(manager, "carla@fila.test");
  // A row opens one tool at a time: the role's question first, then the groups.
  await row.getByRole("button", { name: "Tornar gestor" }).click();
  const dialog = row.getByRole("alertdialog");
  await expect(dialog).toContainText("Tornar Carla Dias gestor(a)?");
  await expect(dialog.getByRole("button", { name: "Cancelar" })).toBeFocused();
  await manager.screenshot({ path: "e2e/artifacts/team-row-role-pt-BR.png" });
  await dialog.getByRole("button", { name: "Cancelar" }).click();
  expect((await database()`SELECT role FROM users WHERE email = 'carla@fila.test'`)[0]!.role).toBe("agent");

  await row.getByRole("button", { name: "Grupos", exact: true }).click();
  const groups = row.getByTestId("member-groups");
  await expect(groups.getByLabel("Grupo ao qual adicionar Carla Dias")).toBeVisible();
  await expect(groups.getByRole("button", { name: "Adicionar ao grupo" })).toBeVisible();
  await expect(groups.getByRole("button", { name: "Remover Carla Dias de Vendas" })).toBeVisible();
  await expect(groups.getByRole("button", { name: "Remover Carla Dias de Suporte" })).toBeVisible();
  await manager.screenshot({ path: "e2e/artifacts/team-row-tools-pt-BR.png" });
  await manager.context().close();
});
