// `npm run screenshots` (playwright.screenshots.config.ts): pictures of the manager area
// (groups list, settings, board, team) at desktop and phone width, in English and
// Portuguese, into e2e/artifacts/ (gitignored) for a person to look at. Not a test: it
// asserts nothing but waits for each page to be ready. The pages are filled the way they
// fill in use: agents online, contacts writing.
import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { groupId, resetState, signIn } from "../fixtures";
import { agentSession, contactWrites, goOnline, queuedIn } from "../groups-fixtures";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const LOCALES = { en: "en-US", "pt-BR": "pt-BR" } as const;

test.beforeEach(async () => {
  await resetState();
});

test("screenshots of the groups list, settings, board and team", async ({ browser }) => {
  // 16 pages, each waiting for its live connection: generous, a loaded machine is slow, not wrong.
  test.setTimeout(15 * 60_000);
  mkdirSync("e2e/artifacts", { recursive: true });
  const agents = [];
  for (const handle of ["ana", "carla", "diego"]) {
    const agent = await agentSession(browser, `${handle}@fila.test`);
    await goOnline(agent.page, `${handle}@fila.test`);
    agents.push(agent);
  }
  for (const [group, name] of [
    ["Vendas", "Juliana Castro"],
    ["Vendas", "Rafael Nunes"],
    ["Suporte", "Marcos Pereira"],
    ["Suporte", "Luana Ribeiro"],
    ["Financeiro", "Beatriz Costa"],
    ["Financeiro", "Gustavo Araújo"],
  ] as const) {
    await contactWrites(group, name);
  }
  await expect.poll(() => queuedIn("Financeiro")).toBe(2);
  const vendas = await groupId("Vendas");

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const [localeName, locale] of Object.entries(LOCALES)) {
      const context = await browser.newContext({ locale, viewport });
      const page = await context.newPage();
      await signIn(page, "manager@fila.test");
      const shot = async (name: string) => {
        await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
        await page.waitForTimeout(300);
        // The shell scrolls inside <main>: grow the window to the content for a whole-page picture.
        const height = await page.locator("main").evaluate((main) => main.scrollHeight + main.getBoundingClientRect().top);
        await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
        await page.screenshot({ path: `e2e/artifacts/${name}-${viewportName}-${localeName}.png` });
        await page.setViewportSize(viewport);
      };
      await page.goto("/omnichannel/channel-groups");
      await expect(page.getByTestId("group-row")).toHaveCount(3);
      await shot("groups");
      await page.goto(`/omnichannel/channel-groups/${vendas}/settings`);
      await expect(page.getByTestId("settings-form")).toBeVisible();
      await shot("settings");
      // After a save: what changed, under the button, and in the history.
      const form = page.getByTestId("settings-form");
      const cap = form.getByRole("textbox").nth(1);
      await cap.fill((await cap.inputValue()) === "5" ? "6" : "5");
      await form.getByRole("radio").nth(2).check();
      await form.getByRole("button").last().click();
      await expect(page.getByTestId("save-notice")).toBeVisible();
      await shot("settings-saved");
      await form.getByRole("radio").nth(1).check();
      await form.getByRole("button").last().click();
      await expect(page.getByTestId("save-notice")).toBeVisible();
      await page.goto("/omnichannel/board");
      await expect(page.getByTestId("board-group")).toHaveCount(3);
      await shot("board");
      await page.goto(`/omnichannel/channel-groups/${vendas}`);
      await expect(page.getByTestId("board-group")).toHaveCount(1);
      await shot("group-board");
      await page.goto("/omnichannel/team");
      await expect(page.getByTestId("team-member").first()).toBeVisible();
      await shot("team");
      await context.close();
    }
  }
  await Promise.all(agents.map((a) => a.close()));
});
