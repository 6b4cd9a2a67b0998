// The team: a manager creates an agent who can sign in, resets their password, and
// deactivates them: their open conversation goes back to the queue and to a colleague,
// and they cannot sign in any more.
import { database, expect, signedInPage, signIn, test } from "./fixtures";
import { agentSession, contactWrites, goOnline, loadOf } from "./groups-fixtures";

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
