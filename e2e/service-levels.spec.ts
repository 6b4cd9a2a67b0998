// Service levels in the browser (docs/behaviour.md#service-levels): a manager sets a
// first-response target, a waiting conversation shows its time left, turns "at risk" as
// time passes (moved back in the database), and an agent makes a newer one urgent: it goes
// to the head of the queue.
import { expect, test } from "@playwright/test";
import { database, groupId, resetState, signedInPage } from "./fixtures";
import { contactWrites, newWaId, row } from "./inbox-fixtures";

test.beforeEach(async () => {
  await resetState();
});

test("targets, time left, at risk, and an urgent conversation first in the queue", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  const card = manager.getByTestId("service-levels-form");
  await expect(card).toContainText("Minutes from the customer's first message to the first reply");
  await card.getByLabel("First-response target (minutes)").fill("0");
  await card.getByRole("button", { name: "Save settings" }).click();
  await expect(card).toContainText("Enter whole minutes from 1 to 43,200");
  await card.getByLabel("First-response target (minutes)").fill("10");
  await card.getByRole("button", { name: "Save settings" }).click();
  await expect(card).toContainText("Service levels saved.");
  await expect(manager.getByTestId("history-entry").first()).toContainText("First-response target");

  const older = newWaId();
  const newer = newWaId();
  await contactWrites("Vendas", { waId: older, name: "Olga Antiga" });
  await contactWrites("Vendas", { waId: newer, name: "Nina Nova" });
  const sql = database();
  // The webhook is answered before the ingest thread writes the conversations: wait for both.
  for (const waId of [older, newer]) {
    await expect
      .poll(async () => (await sql`SELECT count(*)::int AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`)[0]?.n, { timeout: 30_000 })
      .toBe(1);
  }
  // Seven and a half of the ten minutes have passed for the older one: on track, 2 min left.
  await sql`UPDATE conversations c SET created_at = c.created_at - interval '450 seconds', first_response_due_at = c.first_response_due_at - interval '450 seconds'
              FROM contacts k WHERE k.id = c.contact_id AND k.wa_id = ${older}`;

  const ana = await signedInPage(browser, "ana@fila.test");
  await ana.goto("/inbox?tab=queue");
  await expect(row(ana, older).getByTestId("sla-badge")).toHaveAttribute("data-state", "on_track");
  await expect(row(ana, older).getByTestId("sla-badge")).toContainText("left");
  const rows = ana.getByTestId("conversation-row");
  await expect(rows.first()).toContainText("Olga Antiga");

  // Past 80% of the target: at risk (the screen counts down on its own clock; moved time needs a fresh read).
  await sql`UPDATE conversations c SET created_at = c.created_at - interval '60 seconds', first_response_due_at = c.first_response_due_at - interval '60 seconds'
              FROM contacts k WHERE k.id = c.contact_id AND k.wa_id = ${older}`;
  await ana.reload();
  await expect(row(ana, older).getByTestId("sla-badge")).toHaveAttribute("data-state", "at_risk", { timeout: 30_000 });
  await expect(row(ana, older).getByTestId("sla-badge")).toContainText("At risk");

  // The newer one made urgent by an agent of the group: first in the queue.
  await row(ana, newer).click();
  await ana.getByTestId("priority-picker").selectOption("urgent");
  await expect(row(ana, newer).getByTestId("priority-badge")).toHaveText("Urgent");
  await expect(rows.first()).toContainText("Nina Nova");
  await ana.screenshot({ path: "e2e/artifacts/service-levels-queue-en.png" });
});

test("a 1-minute target: the waiting row turns at risk, then overdue, while the live board counts it", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto(`/omnichannel/channel-groups/${await groupId("Vendas")}/settings`);
  const card = manager.getByTestId("service-levels-form");
  await card.getByLabel("First-response target (minutes)").fill("1");
  await card.getByRole("button", { name: "Save settings" }).click();
  await expect(card).toContainText("Service levels saved.");

  // The board for Vendas, open before the customer writes: everything it shows next comes live.
  await manager.goto("/omnichannel/board");
  await expect(manager.getByTestId("board-live")).toHaveAttribute("data-connected", "true");
  const board = manager.locator('[data-testid="board-group"][data-group-name="Vendas"]');
  await expect(board.getByTestId("board-sla-at-risk")).toHaveCount(0);

  const ana = await signedInPage(browser, "ana@fila.test");
  await ana.goto("/inbox?tab=queue");
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Rita Relógio" });
  // Nobody in Vendas is online: it waits, on track, with its reason on the board.
  await expect(row(ana, waId).getByTestId("sla-badge")).toHaveAttribute("data-state", "on_track", { timeout: 30_000 });
  await expect(board.getByTestId("board-waiting-reason")).toHaveAttribute("data-reason", "nobody_online", { timeout: 30_000 });

  // 48 s in (80% of the minute): at risk, on the row and on the board, nobody reloading.
  await expect(row(ana, waId).getByTestId("sla-badge")).toHaveAttribute("data-state", "at_risk", { timeout: 90_000 });
  await expect(board.getByTestId("board-sla-at-risk")).toContainText("1", { timeout: 30_000 });
  // Past the minute: overdue on both; the board's at-risk count gives way.
  await expect(row(ana, waId).getByTestId("sla-badge")).toHaveAttribute("data-state", "overdue", { timeout: 90_000 });
  await expect(board.getByTestId("board-sla-overdue")).toContainText("1", { timeout: 30_000 });
  await expect(board.getByTestId("board-sla-at-risk")).toHaveCount(0);
  await manager.screenshot({ path: "e2e/artifacts/service-levels-board-overdue-en.png" });
  await manager.context().close();
  await ana.context().close();
});
