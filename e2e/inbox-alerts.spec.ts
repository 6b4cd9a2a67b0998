// Alerts on every page (docs/behaviour.md#the-inbox): a customer writing in one of my conversations while I am
// on Reports or a group's Settings plays the sound and counts in the tab title; opening it
// in another tab clears the count everywhere; ten assignments at once are one alert.
import { type Page } from "@playwright/test";
import { content } from "@/dev/webhook-payloads";
import { database, expect, signedInPage, test, userId } from "./fixtures";
import { contactWrites, goOnline, newWaId, waitForRealtime } from "./inbox-fixtures";

/** Counts the attempts to play a sound (the alert module plays through HTMLMediaElement.play). */
async function spyOnSound(page: Page) {
  await page.context().addInitScript(() => {
    const w = window as unknown as { __plays: number };
    w.__plays = 0;
    HTMLMediaElement.prototype.play = function play() {
      w.__plays += 1;
      return Promise.resolve();
    };
  });
}
const plays = (page: Page) => page.evaluate(() => (window as unknown as { __plays: number }).__plays);

test("a customer writing while the manager is on Reports, then Settings: sound, title count, cleared by reading it in another tab", async ({ browser }) => {
  const manager = await signedInPage(browser, "manager@fila.test");
  await spyOnSound(manager);
  const waId = newWaId();
  await contactWrites("Financeiro", { waId, name: "Helena Prado" }, [{ content: content.text("Bom dia") }]);
  const managerId = await userId("manager@fila.test");
  await expect.poll(async () => (await database()`SELECT count(*)::int AS n FROM contacts WHERE wa_id = ${waId}`)[0]!.n).toBe(1);
  // The conversation is the manager's, and they have seen it so far.
  const [conversation] = await database()`
    UPDATE conversations c SET status = 'assigned', assignee_id = ${managerId}, assigned_at = now()
      FROM contacts k WHERE k.id = c.contact_id AND k.wa_id = ${waId} RETURNING c.id`;
  await database()`
    INSERT INTO conversation_reads (user_id, conversation_id, last_read_message_id)
    SELECT ${managerId}, ${conversation!.id}, max(id) FROM messages WHERE conversation_id = ${conversation!.id}`;

  await manager.goto("/reports");
  await waitForRealtime(manager);
  await expect(manager).not.toHaveTitle(/^\(\d+\)/);
  await contactWrites("Financeiro", { waId, name: "Helena Prado" }, [{ content: content.text("Ainda estão aí?") }]);
  await expect(manager.getByTestId("app-alerts")).toHaveAttribute("data-alerts", "1");
  await expect.poll(() => plays(manager)).toBe(1);
  await expect(manager).toHaveTitle(/^\(1\) /);
  // Who wrote, and what: the first line of the message (not the name twice).
  await expect(manager.getByTestId("toast-info")).toContainText("New message from Helena Prado: Ainda estão aí?");
  await manager.screenshot({ path: "e2e/artifacts/alerts-reports-en.png" });

  // A group's Settings page alerts the same way.
  const [group] = await database()`SELECT id FROM channel_groups WHERE name = 'Financeiro'`;
  await manager.goto(`/omnichannel/channel-groups/${group!.id}/settings`);
  await waitForRealtime(manager);
  await contactWrites("Financeiro", { waId, name: "Helena Prado" }, [{ content: content.text("Alô?") }]);
  // (A new page: the spy and the alerts count from zero again.)
  await expect(manager.getByTestId("app-alerts")).toHaveAttribute("data-alerts", "1");
  await expect.poll(() => plays(manager)).toBe(1);
  await expect(manager).toHaveTitle(/^\(1\) /);

  // The manager opens it in a second tab: the count goes from both tabs.
  const second = await manager.context().newPage();
  await second.goto(`/inbox?c=${conversation!.id}`);
  await expect(second.getByTestId("message-thread")).toContainText("Alô?");
  await expect(manager).not.toHaveTitle(/^\(\d+\)/);
  await expect(second).not.toHaveTitle(/^\(\d+\)/);
});

test("ten conversations assigned at once are one alert with one sound; muting silences the next", async ({ browser }) => {
  const diego = await signedInPage(browser, "diego@fila.test");
  await spyOnSound(diego);
  await diego.goto("/inbox");
  await waitForRealtime(diego);
  // Ten contacts wait in Suporte (sequential, no cap); diego comes online and receives them all.
  await database()`
    WITH channel AS (SELECT id, group_id FROM channels WHERE phone_number_id = '100000000000002'),
         contact AS (INSERT INTO contacts (wa_id, profile_name) SELECT '55318' || lpad(i::text, 8, '0'), 'Cliente ' || i FROM generate_series(1, 10) i RETURNING id)
    INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at, last_message_at)
    SELECT contact.id, channel.id, channel.group_id, 'queued', now(), now(), now() FROM contact, channel`;
  await goOnline(diego, "diego@fila.test");
  await expect.poll(async () => (await database()`SELECT count(*)::int AS n FROM conversations WHERE assignee_id = ${await userId("diego@fila.test")}`)[0]!.n).toBe(10);
  await expect(diego.getByTestId("app-alerts")).toHaveAttribute("data-alerts", "1");
  await expect(diego.getByTestId("app-alerts")).toHaveAttribute("data-last-size", "10");
  await expect(diego.getByTestId("toast-info")).toContainText("10 new conversations for you");
  // Nothing else follows the one alert.
  await diego.waitForTimeout(4000);
  await expect(diego.getByTestId("app-alerts")).toHaveAttribute("data-alerts", "1");
  expect(await plays(diego)).toBe(1);
  await diego.screenshot({ path: "e2e/artifacts/alerts-burst-en.png" });

  // Muted in the user menu: the next alert shows without a sound.
  await diego.getByTestId("user-menu-button").click();
  await diego.getByTestId("alert-sound-toggle").uncheck();
  await diego.screenshot({ path: "e2e/artifacts/alerts-mute-menu-en.png" });
  await diego.keyboard.press("Escape");
  await contactWrites("Suporte", { waId: "5531800000003", name: "Cliente 3" }, [{ content: content.text("Oi de novo") }]);
  await expect(diego.getByTestId("app-alerts")).toHaveAttribute("data-alerts", "2");
  expect(await plays(diego)).toBe(1);
});

test("a conversation arriving in a Manual group's queue alerts its agents on any page; their own switch silences it", async ({ browser }) => {
  const elisa = await signedInPage(browser, "elisa@fila.test");
  await spyOnSound(elisa);
  await elisa.goto("/inbox?tab=queue");
  await waitForRealtime(elisa);
  const alerts = elisa.getByTestId("app-alerts");

  // Financeiro is manual: the conversation waits for someone to take it.
  await contactWrites("Financeiro", { waId: newWaId(), name: "Paula Boleto" }, [{ content: content.text("Segunda via do boleto") }]);
  await expect(alerts).toHaveAttribute("data-alerts", "1", { timeout: 30_000 });
  await expect(elisa.getByTestId("toast-info")).toContainText("A new conversation waits in Financeiro: Paula Boleto · Financeiro");
  expect(await plays(elisa)).toBe(1);
  await elisa.screenshot({ path: "e2e/artifacts/alerts-queue-en.png" });

  // Her switch off: the next arrival shows in the queue, without an alert.
  await elisa.getByTestId("user-menu-button").click();
  await elisa.getByTestId("queue-alerts-toggle").uncheck();
  await elisa.keyboard.press("Escape");
  const quiet = newWaId();
  await contactWrites("Financeiro", { waId: quiet, name: "Quintino Quieto" });
  await expect(elisa.getByTestId("conversation-row").filter({ hasText: "Quintino Quieto" })).toBeVisible({ timeout: 30_000 });

  // On again: the next arrival is the second alert, about that one.
  await elisa.getByTestId("user-menu-button").click();
  await elisa.getByTestId("queue-alerts-toggle").check();
  await elisa.keyboard.press("Escape");
  await contactWrites("Financeiro", { waId: newWaId(), name: "Rosa Retorno" });
  await expect(elisa.getByTestId("toast-info").filter({ hasText: "Rosa Retorno" })).toBeVisible({ timeout: 30_000 });
  await expect(alerts).toHaveAttribute("data-alerts", "2");
  expect(await plays(elisa)).toBe(2);
  await elisa.context().close();
});
