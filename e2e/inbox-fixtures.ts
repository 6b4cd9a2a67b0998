// Helpers of the inbox specs: WhatsApp messages arriving as signed webhooks (as Meta
// sends them), going online, waiting for the live connection and finding rows.
import { expect, type Locator, type Page } from "@playwright/test";
import { encryptSecret } from "@/lib/secrets";
import { content, inboundMessage, messagesNotification, postSignedWebhook, type MessageContent } from "@/dev/webhook-payloads";
import { E2E } from "./e2e-env";
import { database, userId } from "./fixtures";

export const NUMBERS = {
  Vendas: { phoneNumberId: "100000000000001", displayPhoneNumber: "+55 11 4000-0001" },
  Suporte: { phoneNumberId: "100000000000002", displayPhoneNumber: "+55 11 4000-0002" },
  Financeiro: { phoneNumberId: "100000000000003", displayPhoneNumber: "+55 11 4000-0003" },
} as const;
export type GroupName = keyof typeof NUMBERS;

let sequence = 0;
/** A Brazilian mobile number no other spec uses. */
export function newWaId(): string {
  sequence += 1;
  return `55119${String(Date.now() % 1e6).padStart(6, "0")}${String(sequence).padStart(2, "0")}`.slice(0, 13);
}

export type Inbound = { content: MessageContent; secondsAgo?: number; id?: string; context?: { from: string; id: string } };

/** A contact writes to a group's number; resolves once the app answered the webhook. */
export async function contactWrites(group: GroupName, contact: { waId: string; name: string }, messages: Inbound[] = [{ content: content.text("Olá!") }]) {
  const now = Math.floor(Date.now() / 1000);
  const built = messages.map((m) =>
    inboundMessage(contact.waId, m.content, { timestamp: String(now - (m.secondsAgo ?? 0)), id: m.id, context: m.context }),
  );
  const response = await postSignedWebhook(E2E.webhookURL, E2E.appSecret, messagesNotification(NUMBERS[group], [{ waId: contact.waId, name: contact.name }], built));
  expect(response.status).toBe(200);
  return built;
}

/** The socket is connected, so no signal will be missed from now on. */
export async function waitForRealtime(page: Page) {
  await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-connected", "true");
}

/** Clicks Online in the header and waits until the server has it. */
export async function goOnline(page: Page, email: string) {
  await page.getByRole("radiogroup", { name: /Status/ }).getByRole("radio").first().click();
  const id = await userId(email);
  await expect.poll(async () => (await database()`SELECT status FROM users WHERE id = ${id}`)[0]?.status).toBe("online");
}

export function row(page: Page, waId: string): Locator {
  return page.locator(`[data-testid="conversation-row"][data-contact-number="${waId}"]`);
}

/**
 * How long a test waits for a live update before calling it missing: generous, because
 * a loaded machine is slow, not wrong. The speed itself is measured by
 * scripts/measure-latency.ts, never asserted by a test.
 */
export const LIVE_TIMEOUT = 30_000;

export async function assigneeOf(waId: string): Promise<{ status: string; email: string | null }> {
  const [found] = await database()`
    SELECT c.status, u.email FROM conversations c JOIN contacts k ON k.id = c.contact_id
      LEFT JOIN users u ON u.id = c.assignee_id
     WHERE k.wa_id = ${waId} ORDER BY c.id DESC LIMIT 1`;
  return { status: found?.status, email: found?.email ?? null };
}

/**
 * In production the seeded channels have no Graph API token and cannot send: give one
 * an access token, sealed with the e2e server's key (its NEXTAUTH_SECRET).
 */
export async function giveChannelAToken(group: GroupName) {
  process.env.NEXTAUTH_SECRET = E2E.nextAuthSecret;
  const sealed = encryptSecret("e2e-access-token");
  await database()`UPDATE channels SET access_token_encrypted = ${sealed} WHERE phone_number_id = ${NUMBERS[group].phoneNumberId}`;
}

export type SentToGraph = { to: string; body: string; phoneNumberId: string; waMessageId: string };

export async function sentToGraph(): Promise<SentToGraph[]> {
  return (await fetch(`${E2E.graphURL}/__sent`)).json() as Promise<SentToGraph[]>;
}

export { content };
