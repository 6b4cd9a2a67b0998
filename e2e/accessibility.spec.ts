// Accessibility (issue 31): axe-core checks every page of the app against WCAG 2.0, 2.1
// and 2.2 A and AA, in both languages, with something on each screen (an open
// conversation with its thread and its transfer picker, a group's settings, the board
// with a queue, the inbox at a phone's width): no violation may be left. What axe cannot judge (keyboard use,
// focus order) has its own specs; this is the floor, run on every CI build.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, groupId, signedInPage, test } from "./fixtures";
import { contactWrites, newWaId, row } from "./inbox-fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // Each violation with where it is, so that a failure says what to fix.
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1] ?? ""}`) }));
}

for (const locale of ["en", "pt-BR"] as const) {
  test(`every page has no axe violation (WCAG 2.2 AA), ${locale}`, async ({ browser }) => {
    const waId = newWaId();
    await contactWrites("Vendas", { waId, name: "Lúcia Acessível" });

    // Every page's violations, gathered so that one run names them all.
    const found: Record<string, Awaited<ReturnType<typeof violations>>> = {};
    const check = async (page: Page, name: string) => {
      const list = await violations(page);
      if (list.length > 0) found[name] = list;
    };

    const signedOut = await (await browser.newContext({ locale })).newPage();
    await signedOut.goto("/login");
    await check(signedOut, "/login");
    await signedOut.context().close();

    const manager = await signedInPage(browser, "manager@fila.test", { locale });
    const vendas = await groupId("Vendas");
    const pages = [
      "/inbox",
      "/inbox?tab=all",
      "/mentions",
      "/profile",
      "/omnichannel/channel-groups",
      `/omnichannel/channel-groups/${vendas}`,
      `/omnichannel/channel-groups/${vendas}/settings`,
      "/omnichannel/board",
      "/omnichannel/team",
      "/omnichannel/canned-replies",
      "/omnichannel/integrations",
      "/reports",
    ];
    for (const path of pages) {
      await manager.goto(path);
      await manager.waitForLoadState("networkidle");
      await check(manager, path);
    }

    // An open conversation: the thread, its header and the reply box, as an agent sees it.
    const ana = await signedInPage(browser, "ana@fila.test", { locale });
    await ana.goto("/inbox?tab=queue");
    await row(ana, waId).click();
    await expect(ana.getByTestId("message-thread")).toBeVisible({ timeout: 30_000 });
    await ana.waitForLoadState("networkidle");
    await check(ana, "/inbox with a conversation open");

    // A phone's width: the list, one column.
    await ana.setViewportSize({ width: 390, height: 844 });
    await ana.goto("/inbox?tab=queue");
    await expect(row(ana, waId)).toBeVisible({ timeout: 30_000 });
    await ana.waitForLoadState("networkidle");
    await check(ana, "/inbox at 390×844");

    // The transfer picker open on the conversation (its first item focused): other groups, their queues and members.
    await ana.setViewportSize({ width: 1280, height: 720 });
    await row(ana, waId).click();
    await expect(ana.getByTestId("message-thread")).toBeVisible({ timeout: 30_000 });
    await ana.getByRole("button", { name: locale === "en" ? "Assign to me" : "Atribuir a mim" }).click();
    await ana.getByRole("button", { name: locale === "en" ? "Transfer" : "Transferir", exact: true }).click();
    await expect(ana.getByTestId("transfer-picker").getByTestId("transfer-other-groups")).toBeVisible({ timeout: 30_000 });
    await ana.waitForLoadState("networkidle");
    await check(ana, "/inbox with the transfer picker open");
    await manager.context().close();
    await ana.context().close();
    expect(found).toEqual({});
  });
}
