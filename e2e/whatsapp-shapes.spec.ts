// Every shape Meta sends is shown as what it is (docs/behaviour.md#whatsapp, issue 10): an order as a table
// with its total, "forwarded many times", an edit on the message it edits, WhatsApp's
// note about a changed number in the middle of the thread; and a token WhatsApp refuses
// (190) reaches managers at once, in the inbox and in Omnichannel › Channel Groups.
import { E2E } from "./e2e-env";
import { expect, signedInPage, test } from "./fixtures";
import { contactWrites, content, giveChannelAToken, newWaId, row, waitForRealtime } from "./inbox-fixtures";

test.beforeEach(async () => {
  await giveChannelAToken("Suporte");
});

test("orders, forwarded-many-times, edits and number changes read as what they are, in Portuguese", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR" });
  await waitForRealtime(manager);
  const waId = newWaId();
  const [first] = await contactWrites("Suporte", { waId, name: "Helena Rocha" }, [{ content: content.text("Oi, quero comprar"), secondsAgo: 5 }]);
  await contactWrites("Suporte", { waId, name: "Helena Rocha" }, [
    { content: content.order([{ sku: "TENIS-RUN-40", quantity: 2, price: 299 }, { sku: "BONE-01", quantity: 1, price: 49.5 }], "Fecha pra mim?"), secondsAgo: 4 },
    { content: content.edit(first!.id, "Oi, quero comprar dois tênis"), secondsAgo: 3 },
  ]);
  await manager.goto("/inbox?tab=all");
  await row(manager, waId).click();
  const thread = manager.getByTestId("message-thread");
  const order = thread.getByTestId("order-card");
  await expect(order).toContainText("Pedido · 2 itens");
  await expect(order.getByTestId("order-total")).toHaveText(/R\$\s?647,50/);
  await expect(thread.getByText("Oi, quero comprar dois tênis")).toBeVisible();
  await expect(thread.getByTestId("edited")).toHaveText(/Editada/);
  // What was ordered is searchable: an agent finds the conversation by a product's id.
  await manager.getByRole("searchbox", { name: "Buscar contatos, números e mensagens" }).fill("tenis run");
  await expect(row(manager, waId).getByTestId("search-snippet")).toContainText("TENIS-RUN-40", { timeout: 30_000 });

  // Live: a frequently forwarded message, then WhatsApp's note that the number changed.
  const { inboundMessage, messagesNotification, postSignedWebhook } = await import("@/dev/webhook-payloads");
  const forwarded = inboundMessage(waId, content.text("Promoção imperdível!"), { context: { forwarded: true, frequently_forwarded: true } });
  await postSignedWebhook(E2E.webhookURL, E2E.appSecret, messagesNotification({ phoneNumberId: "100000000000002" }, [{ waId }], [forwarded]));
  await expect(thread.getByTestId("message").filter({ hasText: "Promoção imperdível!" }).getByTestId("forwarded")).toHaveText("Encaminhada com frequência");
  const note = inboundMessage(waId, content.changedNumber(waId, "5511912345678", "Helena Rocha"));
  await postSignedWebhook(E2E.webhookURL, E2E.appSecret, messagesNotification({ phoneNumberId: "100000000000002" }, [], [note]));
  await expect(thread.getByTestId("system-note")).toContainText("O contato mudou de número de telefone");
  await expect(thread.getByTestId("system-note")).toContainText("+5511912345678");
  await manager.context().close();
});

test("a token WhatsApp refuses (190) tells the manager at once and shows on the number until replaced", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await waitForRealtime(manager);
  const waId = newWaId();
  await contactWrites("Suporte", { waId, name: "Otávio Lima" }, [{ content: content.text("Alguém aí?") }]);
  await manager.goto("/inbox?tab=all");
  await row(manager, waId).click();

  await fetch(`${E2E.graphURL}/__fail-next`, { method: "POST", body: JSON.stringify({ count: 1, code: 190 }) });
  const box = manager.getByRole("textbox", { name: "Reply" });
  await box.fill("Estou aqui!");
  await box.press("Enter");
  // The agent reads why, in words; the manager is told which number needs a token.
  await expect(manager.getByRole("alert").filter({ hasText: "has expired. A manager must set a new token" }).first()).toBeVisible();
  await expect(manager.getByRole("alert").filter({ hasText: "WhatsApp refused the access token of +55 11 4000-0002" })).toBeVisible();

  await manager.goto("/omnichannel/channel-groups");
  const suporte = manager.locator('[data-group-name="Suporte"]');
  await expect(suporte.getByTestId("group-needs-token")).toHaveText("1 number(s) need a new token");
  await suporte.getByRole("link").click();
  await manager.getByRole("link", { name: "Settings" }).click();
  await expect(manager.locator('[data-phone-number-id="100000000000002"]').getByTestId("channel-needs-token")).toHaveText("Needs a new token");
  await manager.context().close();
});
