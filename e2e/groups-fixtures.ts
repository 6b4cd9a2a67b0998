// Helpers of the manager-area specs (groups, board, team): contacts writing to a group's
// number through signed webhooks, agents going online through their own header switch,
// and the realtime signals a browser receives, read off its WebSocket.
import { expect, type Browser, type Page } from "@playwright/test";
import { content, inboundMessage, messagesNotification, postSignedWebhook } from "@/dev/webhook-payloads";
import { E2E } from "./e2e-env";
import { database, signIn, userId } from "./fixtures";

export const PHONE_NUMBER_IDS = { Vendas: "100000000000001", Suporte: "100000000000002", Financeiro: "100000000000003" } as const;

let sequence = 0;
/** A contact number no other spec uses. */
export const newWaId = () => `55219${String(Date.now() % 1e6).padStart(6, "0")}${String(++sequence % 100).padStart(2, "0")}`;

/** A new contact writes to the group's number (a signed webhook, as Meta sends it). */
export async function contactWrites(group: keyof typeof PHONE_NUMBER_IDS, name: string, text = "Olá!") {
  const waId = newWaId();
  const body = messagesNotification({ phoneNumberId: PHONE_NUMBER_IDS[group] }, [{ waId, name }], [inboundMessage(waId, content.text(text))]);
  const response = await postSignedWebhook(E2E.webhookURL, E2E.appSecret, body);
  expect(response.status).toBe(200);
  return waId;
}

/** Queued conversations straight in the database, oldest first, each waiting `minutesAgo` down to 1 minute. */
export async function seedQueued(group: keyof typeof PHONE_NUMBER_IDS, count: number) {
  const sql = database();
  for (let i = 0; i < count; i++) {
    await sql`
      WITH contact AS (INSERT INTO contacts (wa_id, profile_name) VALUES (${newWaId()}, ${`Cliente ${i + 1}`}) RETURNING id),
           channel AS (SELECT id, group_id FROM channels WHERE phone_number_id = ${PHONE_NUMBER_IDS[group]})
      INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at, last_message_at, created_at)
      SELECT contact.id, channel.id, channel.group_id, 'queued', t, t, t, t
        FROM contact, channel, (SELECT now() - make_interval(mins => ${count - i}) AS t) AS at`;
  }
}

export type Signal = { type: string; assigneeId?: number | null; kind?: string; groupId?: number; userId?: number };

/** Every realtime signal this page's socket receives from now on (attach before the page opens the app). */
export function collectSignals(page: Page): Signal[] {
  const signals: Signal[] = [];
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => {
      // Socket.IO over engine.io: `42["signals", [{...}, …], offset?]` (lib/realtime/signal-coalescer.ts)
      if (typeof payload !== "string" || !payload.startsWith("42")) return;
      const [event, data] = JSON.parse(payload.slice(2)) as [string, Signal[]];
      if (event === "signals") signals.push(...data);
    });
  });
  return signals;
}

/** A signed-in agent in a browser of their own, whose signals are collected. */
export async function agentSession(browser: Browser, email: string, locale = "en-US") {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const signals = collectSignals(page);
  await signIn(page, email);
  await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
  return { page, signals, id: await userId(email), close: () => context.close() };
}

/** Clicks Online in the agent's own header and waits until the server has it. */
export async function goOnline(page: Page, email: string) {
  await page.getByTestId("status-switch").getByRole("radio").first().click();
  const id = await userId(email);
  await expect.poll(async () => (await database()`SELECT status FROM users WHERE id = ${id}`)[0]?.status).toBe("online");
}

export async function queuedIn(group: keyof typeof PHONE_NUMBER_IDS): Promise<number> {
  const [row] = await database()`
    SELECT count(*)::int AS n FROM conversations c JOIN channel_groups g ON g.id = c.group_id
     WHERE g.name = ${group} AND c.status = 'queued'`;
  return row!.n as number;
}

export async function loadOf(email: string): Promise<number> {
  const [row] = await database()`
    SELECT count(*)::int AS n FROM conversations c JOIN users u ON u.id = c.assignee_id
     WHERE u.email = ${email} AND c.status = 'assigned'`;
  return row!.n as number;
}
