// Replying from the inbox: the text reaches WhatsApp (the fake Graph API) for the right
// number, the ticks advance as delivery statuses come back, and a closed 24-hour window
// disables the reply box with the reason.
import { database, expect, test } from "./fixtures";
import { contactWrites, giveChannelAToken, newWaId, row, sentToGraph } from "./inbox-fixtures";

test.beforeEach(async () => {
  await giveChannelAToken("Vendas");
});

test("a reply reaches WhatsApp with the right number and text, and its ticks advance", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test");

  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Lucas Ferreira" });
  await row(ana, waId).click();
  const thread = ana.getByTestId("message-thread");
  await expect(thread.getByText("Olá!", { exact: true })).toBeVisible();
  // The group's welcome message went out automatically.
  await expect(thread.getByText("Olá! Obrigado por falar com Vendas. Já vamos te atender.")).toBeVisible();

  const text = `Oi Lucas, aqui é a Ana. Pedido ${Date.now() % 10_000}?`;
  const box = ana.getByRole("textbox", { name: "Reply" });
  await box.fill("first line");
  await box.press("Shift+Enter");
  await expect(box).toHaveValue("first line\n");
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");

  await expect.poll(async () => (await sentToGraph()).find((m) => m.body === text), { timeout: 30_000 }).toMatchObject({
    to: waId,
    body: text,
    phoneNumberId: "100000000000001",
  });

  const bubble = thread.getByTestId("message").filter({ hasText: text });
  const ticks = bubble.getByTestId("delivery-status");
  // The fake Graph API reports sent, delivered (after 300 ms) and read (after 1.5 s): the
  // ticks end at read, live. (How long each tick shows depends on the machine's speed, so
  // the steps are checked where they are recorded, in the database.)
  await expect(ticks).toHaveAttribute("data-status", "read", { timeout: 30_000 });
  await expect(ticks).toHaveAccessibleName("Read");
  await expect(bubble).toContainText("You");

  // The reply is in the database as read, having passed through sent and delivered.
  const [stored] = await database()`SELECT status, sent_at, delivered_at, read_at FROM messages WHERE body = ${text}`;
  expect(stored?.status).toBe("read");
  // Each report left its mark (Meta's timestamps have whole seconds, so no order between them).
  expect(stored?.sent_at && stored?.delivered_at && stored?.read_at).toBeTruthy();
  await ana.context().close();
});

test("when the 24-hour window has closed the reply box says so and cannot send", async ({ onlineAgent }) => {
  const ana = await onlineAgent("ana@fila.test", { locale: "pt-BR" });
  const waId = newWaId();
  // The contact last wrote 25 hours ago (Meta delivered it late).
  await contactWrites("Vendas", { waId, name: "Paula Cardoso" }, [{ content: { type: "text", text: { body: "Ainda estão aí?" } }, secondsAgo: 25 * 3600 }]);
  await row(ana, waId).click();
  await expect(ana.getByTestId("reply-blocked")).toContainText("A janela de 24 horas foi encerrada");
  await expect(ana.getByRole("textbox", { name: "Resposta" })).toHaveCount(0);
  await ana.context().close();
});
