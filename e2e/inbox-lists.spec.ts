// Long lists (docs/behaviour.md#the-inbox): the Queue shows its total and scrolls past 200 a page at a time,
// each conversation once, with arrivals while scrolling; a message search shows the
// matching snippet and opens the thread at that message. Both languages, phone width.
import { type Page } from "@playwright/test";
import { content } from "@/dev/webhook-payloads";
import { database, expect, signedInPage, test } from "./fixtures";
import { contactWrites, newWaId, waitForRealtime } from "./inbox-fixtures";

/** Queued conversations in Vendas, oldest first, straight in the database. */
async function queue(count: number, from: number) {
  await database()`
    WITH channel AS (SELECT id, group_id FROM channels WHERE phone_number_id = '100000000000001'),
         contact AS (INSERT INTO contacts (wa_id, profile_name)
                     SELECT '55418' || lpad(i::text, 8, '0'), 'Cliente ' || i FROM generate_series(${from}::int, ${from + count - 1}::int) i RETURNING id, wa_id)
    INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at, last_message_at, created_at)
    SELECT contact.id, channel.id, channel.group_id, 'queued', t, t, t, t
      FROM contact, channel, LATERAL (SELECT now() - make_interval(secs => 100000 - substr(contact.wa_id, 6)::int) AS t) at`;
}

const rowIds = (page: Page) => page.locator('[data-testid="conversation-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-conversation-id")));

test("the Queue scrolls past 200: the total, every conversation once, arrivals included", async ({ browser }) => {
  await queue(230, 1);
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/inbox?tab=queue");
  await waitForRealtime(manager);
  await expect(manager.getByTestId("list-total")).toHaveText("230 in queue");
  await expect(manager.getByTestId("conversation-row")).toHaveCount(50);
  await manager.screenshot({ path: "e2e/artifacts/lists-queue-desktop-en.png" });

  // Scrolling to the end loads the next pages; two contacts write meanwhile.
  const list = manager.locator("#inbox-list");
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(manager.getByTestId("conversation-row")).toHaveCount(100);
  await queue(2, 231);
  for (let i = 0; i < 10; i++) {
    if ((await manager.getByTestId("list-more").getAttribute("data-has-more")) === "false") break;
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await manager.waitForTimeout(500);
  }
  await expect.poll(async () => (await rowIds(manager)).length, { timeout: 60_000 }).toBe(232);
  const ids = await rowIds(manager);
  expect(new Set(ids).size).toBe(ids.length);
  await expect(manager.getByTestId("list-more")).toHaveAttribute("data-has-more", "false");
  await expect(manager.getByTestId("conversation-row").last()).toContainText("Cliente 232");

  // On a phone, in Portuguese.
  const phone = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR", viewport: { width: 390, height: 844 } });
  await phone.context().addCookies([{ name: "fila-locale", value: "pt-BR", url: manager.url() }]);
  await phone.goto("/inbox?tab=queue");
  await expect(phone.getByTestId("list-total")).toContainText("na fila");
  await phone.screenshot({ path: "e2e/artifacts/lists-queue-phone-pt.png" });
});

test("searching what was said: accent-blind and stemmed, with the snippet, opening the thread at that message", async ({ browser }) => {
  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Rita Campos" }, [{ content: content.text("Quero pagar com o cartão de crédito, e o boleto venceu") }]);
  // 130 messages after it: the match is older than the thread's latest page.
  await expect.poll(async () => (await database()`SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId}`)[0]!.n).toBeGreaterThan(0);
  await database()`
    INSERT INTO messages (conversation_id, direction, type, body, author_type, created_at)
    SELECT c.id, 'in', 'text', 'Mensagem ' || i, 'contact', now() + make_interval(secs => i)
      FROM conversations c JOIN contacts k ON k.id = c.contact_id, generate_series(1, 130) i WHERE k.wa_id = ${waId}`;
  await contactWrites("Suporte", { waId: newWaId(), name: "Otávio Reis" }, [{ content: content.text("Preciso de ajuda com a entrega") }]);
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/inbox?tab=all");
  await manager.getByRole("searchbox", { name: "Search contacts, numbers and messages" }).fill("cartao boletos");
  const result = manager.getByTestId("conversation-row");
  await expect(result).toHaveCount(1);
  await expect(result.getByTestId("search-snippet")).toContainText("cartão");
  await expect(result.locator("mark")).toHaveText(["cartão", "boleto"]);
  await manager.screenshot({ path: "e2e/artifacts/lists-search-desktop-en.png" });

  // The match is older than the thread's latest page: it loads until the message is there.
  await result.click();
  const focused = manager.locator('[data-testid="message"][data-focused="true"]');
  await expect(focused).toContainText("Quero pagar com o cartão de crédito");
  await expect(focused).toBeInViewport();
  await manager.screenshot({ path: "e2e/artifacts/lists-search-opened-en.png" });

  const phone = await signedInPage(browser, "manager@fila.test", { locale: "pt-BR", viewport: { width: 390, height: 844 } });
  await phone.context().addCookies([{ name: "fila-locale", value: "pt-BR", url: manager.url() }]);
  await phone.goto("/inbox?tab=all&q=cartao");
  await expect(phone.getByTestId("search-snippet")).toContainText("Em uma mensagem");
  await phone.screenshot({ path: "e2e/artifacts/lists-search-phone-pt.png" });
});

test("All filtered by assignee: one person's conversations, or the unassigned; kept in the address", async ({ browser }) => {
  await queue(3, 501);
  // Two of them assigned straight in the database: one to Ana, one to Bruno.
  await database()`
    UPDATE conversations c SET status = 'assigned', assigned_at = now(), assignee_id = u.id
      FROM contacts k, users u
     WHERE k.id = c.contact_id AND ((k.wa_id = '5541800000501' AND u.email = 'ana@fila.test') OR (k.wa_id = '5541800000502' AND u.email = 'bruno@fila.test'))`;
  const manager = await signedInPage(browser, "manager@fila.test");
  await manager.goto("/inbox?tab=all");
  const rows = manager.getByTestId("conversation-row");
  await expect(rows.filter({ hasText: "Cliente 503" })).toHaveCount(1);

  // The filters fold behind one button.
  await manager.getByTestId("filters-button").click();
  await manager.getByTestId("filter-assignee").selectOption({ label: "Ana Souza" });
  await expect(rows.filter({ hasText: "Cliente 501" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Cliente 502" })).toHaveCount(0);
  for (const row of await rows.all()) await expect(row).toContainText("Ana Souza");
  expect(new URL(manager.url()).searchParams.get("assignee")).toMatch(/^\d+$/);

  await manager.getByTestId("filter-assignee").selectOption("none");
  await expect(rows.filter({ hasText: "Cliente 503" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Cliente 501" })).toHaveCount(0);
  for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", /queued|routing/);
  await manager.reload();
  await expect(manager.getByTestId("filters-button")).toHaveAttribute("data-active", "1");
  await manager.getByTestId("filters-button").click();
  await expect(manager.getByTestId("filter-assignee")).toHaveValue("none");
  await manager.screenshot({ path: "e2e/artifacts/lists-assignee-filter-en.png" });
});
