// The live board: an agent going online and receiving a conversation shows up at once,
// on the whole board and on the group's own page, without reloading.
import { expect, groupId, signedInPage, test } from "./fixtures";
import { agentSession, contactWrites, goOnline, queuedIn } from "./groups-fixtures";

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
