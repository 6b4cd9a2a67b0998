// The live board: an agent going online and receiving a conversation shows up at once,
// on the whole board and on the group's own page, without reloading.
import { database, expect, groupId, signedInPage, test } from "./fixtures";
import { agentSession, contactWrites, goOnline, loadOf, queuedIn } from "./groups-fixtures";

test("the board shows an agent going online and receiving a conversation, live", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/board");
  await expect(manager.getByTestId("board-live")).toHaveAttribute("data-connected", "true");
  const vendas = manager.locator('[data-testid="board-group"][data-group-name="Vendas"]');
  const ana = vendas.locator('[data-testid="board-agent"][data-agent-name="Ana Souza"]');
  await expect(ana).toHaveAttribute("data-status", "offline");
  await expect(ana).toHaveAttribute("data-load", "0");
  await expect(ana).toContainText("never");
  await expect(vendas.getByTestId("board-queue-length")).toHaveText("0");

  // Nobody in Vendas is online: a new conversation waits, and the board shows the queue.
  await contactWrites("Vendas", "Joana Prado", "Vocês têm o modelo azul?");
  await expect(vendas.getByTestId("board-queue-length")).toHaveText("1");
  await expect(vendas.getByTestId("board-oldest-wait")).toHaveText(/\d+s/);
  // And says why it waits, as the engine judges it.
  await expect(vendas.getByTestId("board-waiting-reason")).toHaveText("1 waiting: nobody online");
  // So do the conversation's row and its view.
  await manager.goto("/inbox?tab=all");
  const waitingRow = manager.getByTestId("conversation-row").filter({ hasText: "Joana Prado" });
  await expect(waitingRow.getByTestId("row-waiting-reason")).toHaveText("nobody online");
  await waitingRow.click();
  await expect(manager.getByTestId("waiting-reason")).toHaveText("Waiting in the queue: nobody who can receive it is online.");
  await manager.screenshot({ path: "e2e/artifacts/waiting-reason-en.png" });
  await manager.goto("/omnichannel/board");
  await expect(manager.getByTestId("board-live")).toHaveAttribute("data-connected", "true");

  // Ana goes online in her own browser: she is eligible, receives it, and the board follows.
  const agent = await agentSession(browser, "ana@fila.test");
  await goOnline(agent.page, "ana@fila.test");
  await expect(ana).toHaveAttribute("data-status", "online");
  await expect(ana).toHaveAttribute("data-load", "1");
  await expect(ana).toContainText("just now");
  await expect(vendas.getByTestId("board-queue-length")).toHaveText("0");
  await expect(vendas.getByTestId("board-waiting-reason")).toHaveCount(0);
  expect(await queuedIn("Vendas")).toBe(0);
  // Balanced: with the queue empty, she is the next to receive one.
  await expect(ana).toHaveAttribute("data-turn", "1");
  await expect(ana).toContainText("Next");

  // The group's own page shows the same board, and keeps following: Bruno comes online
  // with no load, so he is next.
  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}`);
  const own = manager.getByTestId("board-group");
  await expect(own).toHaveCount(1);
  await expect(own.locator('[data-agent-name="Ana Souza"]')).toHaveAttribute("data-load", "1");
  await expect(manager.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
  const bruno = await agentSession(browser, "bruno@fila.test");
  await goOnline(bruno.page, "bruno@fila.test");
  const brunoRow = own.locator('[data-agent-name="Bruno Lima"]');
  await expect(brunoRow).toHaveAttribute("data-status", "online");
  await expect(brunoRow).toHaveAttribute("data-turn", "1");
  await expect(own.locator('[data-agent-name="Ana Souza"]')).toHaveAttribute("data-turn", "2");
  await Promise.all([agent.close(), bruno.close()]);
});

test("the board shows open conversations here and in total apart, and the longest waits with a link; Why names a tie to the second", async ({ browser }) => {
  // Carla is in Vendas and Suporte; online alone in Suporte, she receives its conversation.
  const carla = await agentSession(browser, "carla@fila.test");
  await goOnline(carla.page, "carla@fila.test");
  await contactWrites("Suporte", "Marcos Pereira");
  await expect.poll(() => loadOf("carla@fila.test"), { timeout: 60_000 }).toBe(1);
  // Financeiro is manual: its conversation waits to be taken.
  await contactWrites("Financeiro", "Beatriz Costa");
  await expect.poll(() => queuedIn("Financeiro"), { timeout: 60_000 }).toBe(1);

  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/omnichannel/board");
  const vendas = manager.locator('[data-testid="board-group"][data-group-name="Vendas"]');
  const carlaInVendas = vendas.locator('[data-testid="board-agent"][data-agent-name="Carla Dias"]');
  await expect(carlaInVendas.getByTestId("board-agent-load")).toContainText("0 here · 1 total");
  const suporte = manager.locator('[data-testid="board-group"][data-group-name="Suporte"]');
  await expect(suporte.locator('[data-agent-name="Carla Dias"]')).toHaveAttribute("data-load-here", "1");
  const financeiro = manager.locator('[data-testid="board-group"][data-group-name="Financeiro"]');
  const waiting = financeiro.getByTestId("board-waiting");
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText("Beatriz Costa");
  await expect(waiting).toContainText("waiting to be taken");
  await expect(waiting).toContainText(/waiting \d+s/);
  await manager.screenshot({ path: "e2e/artifacts/board-here-total-en.png", fullPage: true });
  // At phone width the list and the rows fit: nothing scrolls sideways.
  await manager.setViewportSize({ width: 390, height: 844 });
  await expect(waiting).toBeVisible();
  expect(await manager.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await manager.screenshot({ path: "e2e/artifacts/board-here-total-phone.png" });
  await manager.setViewportSize({ width: 1280, height: 720 });
  await waiting.getByRole("link", { name: "Beatriz Costa" }).click();
  await expect(manager).toHaveURL(/\/inbox\?c=\d+/);

  // Vendas is balanced: Ana and Bruno online with no load tie; Ana's turn began first.
  const ana = await agentSession(browser, "ana@fila.test");
  await goOnline(ana.page, "ana@fila.test");
  const bruno = await agentSession(browser, "bruno@fila.test");
  await goOnline(bruno.page, "bruno@fila.test");
  await carla.close();
  await contactWrites("Vendas", "Joana Prado");
  const joana = () => database()`
    SELECT c.id, u.name FROM conversations c JOIN contacts k ON k.id = c.contact_id LEFT JOIN users u ON u.id = c.assignee_id
     WHERE k.profile_name = 'Joana Prado'`;
  await expect.poll(async () => (await joana())[0]?.name ?? null, { timeout: 60_000 }).toBe("Ana Souza");
  const [row] = await joana();
  await manager.goto(`/inbox?tab=all&c=${row!.id}`);
  const why = manager.getByTestId("why-panel");
  await expect(why.locator("summary")).toHaveText("Why Ana Souza?");
  await why.locator("summary").click();
  await expect(why.getByTestId("why-tie")).toHaveText(
    /^Tied with Bruno Lima on load 0: Ana Souza's turn began at \d{2}:\d{2}:\d{2}(\.\d{3})?(\s[AP]M)?, Bruno Lima.s at \d{2}:\d{2}:\d{2}(\.\d{3})?(\s[AP]M)?\. The earlier turn wins\.$/,
  );
  await manager.screenshot({ path: "e2e/artifacts/why-tie-en.png" });
  await Promise.all([ana.close(), bruno.close(), manager.context().close()]);
});
