// Every action of the interface by HTTP (docs/behaviour.md#every-action-of-the-interface), seen
// from the inbox: a manager's script writes a private note mentioning Fábio and renames the
// contact; Fábio, with the conversation open in his browser, sees both live, and is told of
// the mention. Nothing goes to WhatsApp.
import { expect, signedInPage, test, userId } from "./fixtures";
import { api, createToken } from "./api-fixtures";
import { contactWrites, giveChannelAToken, LIVE_TIMEOUT, newWaId, row, sentToGraph, waitForRealtime } from "./inbox-fixtures";

test.beforeEach(async () => {
  await giveChannelAToken("Financeiro");
});

test("a note and a contact edit by HTTP reach the open conversation live; the note never goes to WhatsApp", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  const call = api(await createToken(manager, "Notas por script"));
  await manager.context().close();

  const fabio = await signedInPage(browser, "fabio@fila.test");
  await fabio.goto("/inbox?tab=queue");
  await waitForRealtime(fabio);
  const waId = newWaId();
  await contactWrites("Financeiro", { waId, name: "Otávio Script" });
  await expect(row(fabio, waId)).toBeVisible({ timeout: LIVE_TIMEOUT });
  await row(fabio, waId).click();
  await expect(fabio.getByTestId("conversation-view")).toBeVisible();

  const queue = await call("GET", "/conversations?tab=queue&limit=50");
  const id = queue.body.items.find((item: { contactNumber: string }) => item.contactNumber === waId).id as number;
  const text = `@Fábio Melo confira o boleto ${Date.now() % 10_000}`;
  const note = await call("POST", `/conversations/${id}/notes`, { text, mentions: [await userId("fabio@fila.test")] });
  expect(note.status).toBe(201);
  expect(note.body.delivered).toEqual([{ id: await userId("fabio@fila.test"), name: "Fábio Melo" }]);

  const thread = fabio.getByTestId("message-thread").locator('[data-message-type="note"]');
  await expect(thread).toContainText(text, { timeout: LIVE_TIMEOUT });
  await expect(fabio.getByTestId("mention-alert")).toContainText("Gestora Marina", { timeout: LIVE_TIMEOUT });

  const renamed = await call("PATCH", `/conversations/${id}/contact`, { displayName: "Otávio (pelo CRM)" });
  expect(renamed).toMatchObject({ status: 200, body: { displayName: "Otávio (pelo CRM)", name: "Otávio (pelo CRM)" } });
  await expect(fabio.getByTestId("conversation-contact")).toHaveText("Otávio (pelo CRM)", { timeout: LIVE_TIMEOUT });
  await fabio.screenshot({ path: "test-results/api-actions-note-and-contact.png" });

  expect((await sentToGraph()).filter((message) => message.body.includes("confira o boleto"))).toEqual([]);
  await fabio.context().close();
});
