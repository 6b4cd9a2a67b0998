import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./fixtures";

test.describe("sign-in and the shell", () => {
  test("a manager signs in and sees the whole shell in English", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, "manager@fila.test");
    const sidebar = page.getByTestId("sidebar");
    await expect(sidebar.getByRole("link", { name: "Inbox" })).toBeVisible();
    await expect(sidebar.getByRole("link", { name: "Channel Groups" })).toBeVisible();
    await expect(sidebar.getByRole("link", { name: "Reports" })).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: "Status" })).toBeVisible();
    await sidebar.getByRole("link", { name: "Channel Groups" }).click();
    await expect(page.getByRole("heading", { name: "Channel Groups" })).toBeVisible();
    await context.close();
  });

  test("an agent signs in and sees the shell in Portuguese, without the manager areas", async ({ browser }) => {
    const context = await browser.newContext({ locale: "pt-BR" });
    const page = await context.newPage();
    await signIn(page, "ana@fila.test");
    const sidebar = page.getByTestId("sidebar");
    await expect(sidebar.getByRole("link", { name: "Caixa de entrada" })).toBeVisible();
    await expect(sidebar.getByText("Omnichannel")).toHaveCount(0);
    await expect(sidebar.getByRole("link", { name: "Grupos de Canais" })).toHaveCount(0);
    await expect(page.getByRole("radiogroup", { name: "Status" })).toBeVisible();

    // The server refuses the manager pages to an agent who types the URL.
    await page.goto("/omnichannel/channel-groups");
    await expect(page.getByTestId("forbidden")).toContainText("Você não tem acesso a esta página");
    await page.goto("/reports");
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await context.close();
  });

  test("the user menu switches the language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, "bruno@fila.test");
    await page.getByTestId("user-menu-button").click();
    await page.getByLabel("Language").selectOption("pt-BR");
    await expect(page.getByTestId("sidebar").getByRole("link", { name: "Caixa de entrada" })).toBeVisible();
    await context.close();
  });

  test("a wrong password shows an error and creates no session", async ({ page }) => {
    await page.goto("/login");
    await page.locator('input[name="email"]').fill("diego@fila.test");
    await page.locator('input[name="password"]').fill(`${DEMO_PASSWORD}-wrong`);
    await page.locator('button[type="submit"]').click();
    await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/inbox");
    await expect(page).toHaveURL(/\/login/);
  });

  test("pages need a session", async ({ page }) => {
    await page.goto("/omnichannel/channel-groups");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});
