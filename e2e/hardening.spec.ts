// Issue 11 in the browser: the open redirect after sign-in, security headers, manager
// pages answering agents 403, a hostile contact card that must not break the inbox,
// JSON routes refusing text/plain, the sign-in page saying when to try again and that
// an account is deactivated, and "sign out everywhere".
import { E2E } from "./e2e-env";
import { database, DEMO_PASSWORD, expect, signIn, test } from "./fixtures";
import { content, contactWrites, giveChannelAToken, NUMBERS, newWaId } from "./inbox-fixtures";
import { inboundMessage, messagesNotification, postSignedWebhook } from "@/dev/webhook-payloads";

async function fillSignIn(page: import("@playwright/test").Page, email: string, password: string) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

test.describe("hardening", () => {
  for (const callbackUrl of ["/%5Cevil.example/", "/%09/evil.example/", "//evil.example/", "https://evil.example/"]) {
    test(`after sign-in, callbackUrl=${callbackUrl} stays on the app`, async ({ page }) => {
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await fillSignIn(page, "ana@fila.test", DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/inbox/);
      expect(new URL(page.url()).origin).toBe(E2E.baseURL);
    });
  }

  test("a same-origin callbackUrl is honoured", async ({ page }) => {
    await page.goto("/login?callbackUrl=%2Finbox%3Ftab%3Dqueue");
    await fillSignIn(page, "ana@fila.test", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/inbox\?tab=queue/);
  });

  test("pages, API and the webhook handshake carry the security headers", async ({ request }) => {
    for (const path of ["/login", "/api/health", `/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${E2E.verifyToken}&hub.challenge=%3Cb%3Ehi%3C%2Fb%3E`]) {
      const response = await request.get(path);
      const headers = response.headers();
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("same-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
  });

  test("a stored file keeps its sandbox policy; the app's policy does not replace it (issue 25 item 6)", async ({ page }) => {
    await giveChannelAToken("Vendas");
    // A contact's document: whatever it holds, opened from the app it may run nothing.
    const filename = `arquivo-${newWaId()}.pdf`;
    const query = new URLSearchParams({ mimeType: "application/pdf", filename });
    const held = await fetch(`${E2E.graphURL}/__media?${query}`, { method: "POST", body: new TextEncoder().encode("%PDF-1.4\n<script>alert(1)</script>\n") });
    const file = (await held.json()) as { id: string; sha256: string };
    const media = { id: file.id, sha256: Buffer.from(file.sha256, "hex").toString("base64"), mimeType: "application/pdf" };
    await contactWrites("Vendas", { waId: newWaId(), name: "Arquivo" }, [{ content: content.document(filename, undefined, media) }]);
    let mediaId: number | undefined;
    await expect
      .poll(async () => {
        const [found] = await database()`SELECT id::int AS id FROM media_files WHERE filename = ${filename} AND state = 'ready'`;
        mediaId = found?.id;
        return mediaId;
      })
      .toBeDefined();
    await signIn(page, "manager@fila.test");
    for (const path of [`/api/v1/media/${mediaId}`, `/api/v1/media/${mediaId}?download=1`]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers["content-security-policy"], path).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
  });

  test("manager pages answer an agent with HTTP 403", async ({ page }) => {
    await signIn(page, "ana@fila.test");
    for (const path of ["/omnichannel/channel-groups", "/omnichannel/team", "/reports"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
    }
  });

  test("a JSON route refuses a cross-origin-style text/plain body and creates nothing", async ({ page }) => {
    await signIn(page, "manager@fila.test");
    const response = await page.request.post("/api/v1/manager/groups", { data: JSON.stringify({ name: "Evil" }), headers: { "content-type": "text/plain" } });
    expect(response.status()).toBe(400);
    const [row] = await database()`SELECT count(*)::int AS n FROM channel_groups WHERE name = 'Evil'`;
    expect(row!.n).toBe(0);
  });

  test("a malformed contact card neither breaks the inbox nor a reload of its address", async ({ page }) => {
    const waId = newWaId();
    const message = inboundMessage(waId, {
      type: "contacts",
      contacts: [{ name: { formatted_name: "Maria Card" }, phones: [{ phone: "+55 11 98888-7777" }, null] }],
    } as never);
    const response = await postSignedWebhook(E2E.webhookURL, E2E.appSecret, messagesNotification(NUMBERS.Vendas, [{ waId, name: "Hostil" }], [message]));
    expect(response.status).toBe(200);
    await contactWrites("Vendas", { waId: newWaId(), name: "Outra Pessoa" });
    // Stored at once, processed right after the answer.
    let conversationId: number | undefined;
    await expect
      .poll(async () => {
        const [found] = await database()`SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`;
        conversationId = found?.id;
        return conversationId;
      })
      .toBeDefined();

    await signIn(page, "manager@fila.test");
    await page.goto(`/inbox?tab=all&c=${conversationId}`);
    await expect(page.getByTestId("contacts-card")).toContainText("+55 11 98888-7777");
    await page.reload();
    await expect(page.getByTestId("contacts-card")).toContainText("Maria Card");
    await expect(page.getByTestId("pane-error")).toHaveCount(0);
    await expect(page.locator('[data-testid="conversation-row"]').first()).toBeVisible();
  });

  test("the sign-in page says when to try again, and tells a deactivated user", async ({ page }) => {
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await fillSignIn(page, "fabio@fila.test", `wrong-${i}`);
      await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
    }
    await fillSignIn(page, "fabio@fila.test", DEMO_PASSWORD);
    await expect(page.getByTestId("login-error")).toHaveText(/Too many failed attempts\. Try again at \d{1,2}:\d{2}/);

    // Someone else at the same address (one office) still signs in.
    await fillSignIn(page, "bruno@fila.test", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/inbox/);

    await database()`UPDATE users SET active = false WHERE email = 'diego@fila.test'`;
    try {
      const other = await page.context().browser()!.newPage();
      await other.goto("/login");
      await fillSignIn(other, "diego@fila.test", DEMO_PASSWORD);
      await expect(other.getByTestId("login-error")).toHaveText("This account is deactivated. Ask a manager to reactivate it.");
      await other.close();
    } finally {
      await database()`UPDATE users SET active = true WHERE email = 'diego@fila.test'`;
    }
  });

  test("sign out everywhere ends the sessions of every device; the other open tab lands on the sign-in page saying why (issue 25 item 13)", async ({ browser }) => {
    const laptop = await (await browser.newContext()).newPage();
    const phone = await (await browser.newContext({ locale: "pt-BR", viewport: { width: 390, height: 844 } })).newPage();
    await signIn(laptop, "carla@fila.test");
    await signIn(phone, "carla@fila.test");
    await expect(phone.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true", { timeout: 30_000 });
    await laptop.getByTestId("user-menu-button").click();
    await laptop.getByTestId("sign-out-everywhere").click();
    await expect(laptop).toHaveURL(/\/login/);
    // The phone's tab goes by itself — nobody touches it — and says why, in its language.
    await expect(phone).toHaveURL(/\/login\?reason=signed-out/, { timeout: 30_000 });
    await expect(phone.getByTestId("login-ended")).toHaveText("Sua sessão foi encerrada em todos os dispositivos. Entre de novo para continuar.");
    await phone.screenshot({ path: "test-results/hardening-signed-out-pt.png" });
    await phone.goto("/inbox");
    await expect(phone).toHaveURL(/\/login/);
    // Signing in again works.
    await signIn(phone, "carla@fila.test");
  });

  test("a tab whose user a manager signs out everywhere lands on the sign-in page saying why, in English (issue 25 item 13)", async ({ browser }) => {
    const agent = await (await browser.newContext({ locale: "en-US" })).newPage();
    const manager = await (await browser.newContext({ locale: "en-US" })).newPage();
    await signIn(agent, "bruno@fila.test");
    await expect(agent.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true", { timeout: 30_000 });
    await signIn(manager, "manager@fila.test");
    await manager.goto("/omnichannel/team");
    await manager.locator('[data-testid="team-member"][data-email="bruno@fila.test"]').getByRole("button", { name: "Sign out everywhere" }).click();
    // The row asks first (components/team/team-row.tsx).
    await manager.locator('[data-testid="team-member"][data-email="bruno@fila.test"]').getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(agent).toHaveURL(/\/login\?reason=signed-out/, { timeout: 30_000 });
    await expect(agent.getByTestId("login-ended")).toHaveText("You were signed out on every device. Sign in again to continue.");
    await agent.screenshot({ path: "test-results/hardening-signed-out-en.png" });
  });
});
