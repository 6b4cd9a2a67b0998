// The public API from a program's side (docs/behaviour.md#public-api): a manager creates a personal token on
// their profile, then a script takes, replies to and closes a conversation with plain
// HTTP requests — and the inbox in the browser follows every step live. Also the
// Integrations page: a webhook registered, a test event sent, delivered signed.
import { createHmac } from "node:crypto";
import { DEMO_PASSWORD, expect, signedInPage, test } from "./fixtures";
import { api, createToken, startWebhookReceiver } from "./api-fixtures";
import { contactWrites, giveChannelAToken, LIVE_TIMEOUT, newWaId, row, sentToGraph, waitForRealtime } from "./inbox-fixtures";

test.beforeEach(async () => {
  await giveChannelAToken("Financeiro");
});

test("a token made in the UI drives the inbox: take, reply and close by HTTP, seen live in the browser", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  const token = await createToken(manager, "CRM sync");
  const call = api(token);
  expect((await call("GET", "/me")).body).toMatchObject({ email: "manager@fila.test", role: "manager" });

  // Fabio works Financeiro (manual): the new conversation waits in his queue.
  const fabio = await signedInPage(browser, "fabio@fila.test");
  await fabio.goto("/inbox?tab=queue");
  await waitForRealtime(fabio);
  await manager.goto("/inbox?tab=mine");
  await waitForRealtime(manager);

  const waId = newWaId();
  await contactWrites("Financeiro", { waId, name: "Renata Programa" });
  await expect(row(fabio, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  const queue = await call("GET", "/conversations?tab=queue&limit=50");
  const conversation = queue.body.items.find((item: { contactNumber: string }) => item.contactNumber === waId);
  expect(conversation).toBeTruthy();
  const id = conversation.id as number;

  // Take: it leaves Fabio's queue and arrives in the manager's Mine, live.
  expect((await call("POST", `/conversations/${id}/take`)).body).toMatchObject({ status: "assigned", assignee: { name: expect.any(String) } });
  await expect(row(fabio, waId)).toHaveCount(0, { timeout: LIVE_TIMEOUT });
  await expect(row(manager, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(manager, waId).click();
  const view = manager.getByTestId("conversation-view");
  await expect(view).toHaveAttribute("data-status", "assigned");

  // Reply: on WhatsApp, and in the open thread.
  const text = `Olá Renata, aqui é o script ${Date.now() % 10_000}.`;
  const reply = await call("POST", `/conversations/${id}/messages`, { text });
  expect(reply.status).toBe(201);
  await expect.poll(async () => (await sentToGraph()).find((m) => m.body === text), { timeout: LIVE_TIMEOUT }).toMatchObject({ to: waId });
  await expect(manager.getByTestId("message-thread").getByText(text)).toBeVisible({ timeout: LIVE_TIMEOUT });

  // Close: the open view shows it closed, and it leaves Mine.
  expect((await call("POST", `/conversations/${id}/close`)).body).toMatchObject({ status: "closed" });
  await expect(view).toHaveAttribute("data-status", "closed", { timeout: LIVE_TIMEOUT });
  await manager.screenshot({ path: "test-results/api-inbox-after-close.png" });

  // Revoked in the UI: the next request is refused.
  await manager.goto("/profile");
  await manager.getByTestId("token-row").filter({ hasText: "CRM sync" }).getByTestId("revoke-token").click();
  await expect(manager.getByTestId("token-row").filter({ hasText: "CRM sync" })).toContainText("Revoked");
  expect((await call("GET", "/me")).status).toBe(401);
  await manager.context().close();
  await fabio.context().close();
});

test("creating a token asks for the password again; sign out everywhere revokes it, listed with why (issue 25 item 2)", async ({ browser }) => {
  const fabio = await signedInPage(browser, "fabio@fila.test");
  await fabio.goto("/profile");
  await fabio.getByLabel(/Token name|Nome do token/).fill("Planilha");
  await fabio.getByLabel(/Your password|Sua senha/).fill("not-my-password");
  await fabio.getByTestId("create-token").click();
  await expect(fabio.getByTestId("error-token-password")).toHaveText("That is not your current password.");
  await expect(fabio.getByTestId("token-row")).toHaveCount(0);
  await fabio.screenshot({ path: "test-results/api-token-password.png", fullPage: true });
  const token = await createToken(fabio, "Planilha");
  const call = api(token);
  expect((await call("GET", "/me")).body).toMatchObject({ email: "fabio@fila.test" });

  // A manager ends Fábio's sessions from the team screen: the token goes with them.
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/team");
  await manager.locator('[data-testid="team-member"][data-email="fabio@fila.test"]').getByRole("button", { name: "Sign out everywhere" }).click();
  // The row asks first (components/team/team-row.tsx).
  await manager.locator('[data-testid="team-member"][data-email="fabio@fila.test"]').getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect.poll(async () => (await call("GET", "/me")).status, { timeout: LIVE_TIMEOUT }).toBe(401);
  await manager.locator('[data-testid="team-member"][data-email="fabio@fila.test"]').getByTestId("member-tokens").click();
  await expect(manager.getByTestId("token-row").filter({ hasText: "Planilha" })).toContainText("Revoked: signed out everywhere");
  await manager.screenshot({ path: "test-results/api-token-revoked-why.png", fullPage: true });
  await manager.context().close();
  await fabio.context().close();
});

test("Integrations: register a webhook, send a test event, see it delivered and signed", async ({ browser }) => {
  const { received, url, close } = await startWebhookReceiver();
  const secret = "e2e-webhook-secret-0123";

  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/integrations");
  await manager.getByLabel("URL").fill(url);
  await manager.getByLabel("Secret").fill(secret);
  await manager.getByRole("button", { name: "Add webhook" }).click();
  const endpoint = manager.getByTestId("webhook-row").filter({ hasText: url });
  await expect(endpoint).toBeVisible();
  await endpoint.getByRole("button", { name: "Send a test event" }).click();
  await expect.poll(() => received.length, { timeout: LIVE_TIMEOUT }).toBeGreaterThan(0);
  const [delivery] = received;
  expect(delivery!.headers["x-fila-event"]).toBe("webhook.test");
  expect(delivery!.headers["x-fila-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(delivery!.body).digest("hex")}`);
  await expect
    .poll(
      async () => {
        await endpoint.getByTestId("open-log").click();
        return endpoint.getByTestId("delivery-log").textContent();
      },
      { timeout: LIVE_TIMEOUT },
    )
    .toContain("Delivered");

  // A contact writes: conversation.created and message.created arrive too.
  await contactWrites("Financeiro", { waId: newWaId(), name: "Evento Teste" });
  await expect.poll(() => received.map((r) => r.headers["x-fila-event"]), { timeout: LIVE_TIMEOUT }).toEqual(expect.arrayContaining(["conversation.created", "message.created"]));

  for (const [locale, viewport, name] of [
    ["en-US", { width: 1280, height: 860 }, "desktop-en"],
    ["pt-BR", { width: 390, height: 844 }, "phone-pt"],
  ] as const) {
    const page = await signedInPage(browser, "manager@fila.test", { locale, viewport });
    await page.goto("/omnichannel/integrations");
    await page.getByTestId("webhook-row").first().getByTestId("open-log").click();
    await expect(page.getByTestId("delivery-log")).toBeVisible();
    await page.screenshot({ path: `test-results/api-integrations-${name}.png`, fullPage: true });
    await page.goto("/profile");
    await page.getByLabel(/Token name|Nome do token/).fill(locale === "en-US" ? "Zapier" : "Planilha");
    await page.getByLabel(/Your password|Sua senha/).fill(DEMO_PASSWORD);
    await page.getByTestId("create-token").click();
    await expect(page.getByTestId("new-token-value")).toBeVisible();
    await page.screenshot({ path: `test-results/api-profile-${name}.png`, fullPage: true });
    await page.goto("/api/docs");
    await expect(page.getByRole("heading", { name: /Fila API/ })).toBeVisible();
    if (name === "desktop-en") await page.screenshot({ path: "test-results/api-docs.png" });
    await page.context().close();
  }
  await manager.context().close();
  await close();
});
