// "Assign to me" before the thread has loaded (issue 25 item 12): on a slow network the
// take cancelled the thread's first read and nothing read it again, so the thread showed
// only "You took it" until a reload. Here the messages request is held until the take is
// done (and at least 3 s), and the customer's messages must still appear.
import { expect, test } from "@playwright/test";
import { resetState, signedInPage } from "./fixtures";
import { content, contactWrites, newWaId, row, waitForRealtime } from "./inbox-fixtures";

test.beforeEach(async () => {
  await resetState();
});

test("taking a conversation whose messages are still loading never leaves its thread empty", async ({ browser }) => {
  const elisa = await signedInPage(browser, "elisa@fila.test");
  await elisa.goto("/inbox?tab=queue");
  await waitForRealtime(elisa);

  const waId = newWaId();
  await contactWrites("Financeiro", { waId, name: "Renata Prado" }, [
    { content: content.text("Bom dia, minha fatura veio em dobro"), secondsAgo: 20 },
    { content: content.text("Podem me ajudar?"), secondsAgo: 10 },
  ]);
  await expect(row(elisa, waId)).toBeVisible({ timeout: 30_000 });

  // The thread's read waits until the take has been answered, and at least 3 s.
  let taken!: () => void;
  const takeAnswered = new Promise<void>((resolve) => (taken = resolve));
  let held = 0;
  await elisa.route(/\/api\/v1\/conversations\/\d+\/messages/, async (route) => {
    held += 1;
    await Promise.all([takeAnswered, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    await route.continue();
  });

  await row(elisa, waId).click();
  const view = elisa.getByTestId("conversation-view");
  await expect(view).toBeVisible();
  await expect.poll(() => held, { timeout: 30_000 }).toBeGreaterThan(0);
  await elisa.getByRole("button", { name: "Assign to me" }).click();
  await expect(elisa.getByTestId("conversation-assignee")).toHaveText("You", { timeout: 30_000 });
  taken();

  await expect(view.getByText("Bom dia, minha fatura veio em dobro")).toBeVisible({ timeout: 30_000 });
  await expect(view.getByText("Podem me ajudar?")).toBeVisible();
  await elisa.context().close();
});
