// Meta's error codes decide what a failed reply does (docs/behaviour.md#whatsapp, issue 10): rate limits are
// retried and sent, an invalid token marks the channel and tells managers, a closed
// window closes the reply box; every known code reads in the agent's language.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channels, conversations, messages } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import { listGroups, readGroupDetails, setChannelToken } from "@/lib/groups";
import { translate } from "@/lib/i18n/translate";
import { loadConversationDetail } from "@/lib/inbox/conversation-detail";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import { captureSignals } from "@/lib/realtime/publish";
import { describeActionError } from "@/components/ui/action-error";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "./graph-config";
import { sendReply, type ReplyResult } from "./send-reply";
import { deliver, newWaId, SUPORTE, testGraphConfig } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let agentId: number;
let manager: { id: number; role: "manager" };
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  agentId = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "diego@fila.test") }))!.id;
  manager = { id: (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "manager@fila.test") }))!.id, role: "manager" };
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

async function conversationWithInbound(): Promise<{ conversationId: number; waId: string }> {
  const waId = newWaId();
  const outcome = await deliver(t.db, messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text("Olá"))]), { graph });
  if (outcome.outcome !== "processed") throw new Error("not processed");
  return { conversationId: outcome.result.messages[0]!.conversationId, waId };
}
/** The refusal: thrown (nothing sent) or returned (sent and refused by WhatsApp); null when sent. */
const refusal = (promise: Promise<ReplyResult>) =>
  promise.then(
    (result) => (result.sent ? null : result.error),
    (error: unknown) => error as UserError,
  );
const asAction = (error: UserError) => ({ code: error.code, message: error.message, params: error.params });
const explain = (error: UserError, locale: "en" | "pt-BR") => describeActionError(asAction(error), (key, params) => translate(locale, key, params)).message;

describe("outbound errors keyed on Meta's code", () => {
  it("130429 (rate limit, HTTP 400) is retried with backoff, then sent", async () => {
    const { conversationId } = await conversationWithInbound();
    fake.failNext(2, { code: 130429 });
    const { messageId } = await sendReply(t.db, { conversationId, userId: agentId, body: "depois do limite" }, graph);
    expect(fake.requests().map((r) => r.status)).toEqual([400, 400, 200]);
    const [row] = await t.db.select().from(messages).where(eq(messages.id, messageId));
    expect(row).toMatchObject({ status: "sent", waMessageId: fake.sent()[0]!.waMessageId });
  });

  it("190 marks the channel as needing a new token, tells managers, and the agent reads why in their language", async () => {
    const { conversationId } = await conversationWithInbound();
    const signals = captureSignals();
    fake.failNext(1, { code: 190 });
    const error = await refusal(sendReply(t.db, { conversationId, userId: agentId, body: "sem token" }, graph));
    expect(fake.requests()).toHaveLength(1); // not retried
    expect(error).toMatchObject({ code: "send_failed", params: { metaCode: "190.463" } });
    expect(explain(error!, "pt-BR")).toBe(
      "O token de acesso deste número de WhatsApp expirou. Um gestor precisa cadastrar um novo token nas configurações do canal.",
    );
    expect(explain(error!, "en")).toMatch(/has expired\. A manager must set a new token/);

    const [channel] = await t.db.select().from(channels).where(eq(channels.phoneNumberId, SUPORTE.phoneNumberId));
    expect(channel!.tokenInvalidAt).toBeInstanceOf(Date);
    expect(channel!.tokenError).toMatchObject({ code: 190, error_subcode: 463 });
    expect(signals).toContainEqual({ type: "channel.token_invalid", channelId: channel!.id, groupId: channel!.groupId, displayNumber: SUPORTE.displayPhoneNumber });

    // The Channel Groups list and the channel's settings show it to managers.
    const suporte = (await listGroups(t.db, manager)).find((g) => g.name === "Suporte")!;
    expect(suporte.channelsNeedingToken).toBe(1);
    const details = await readGroupDetails(t.db, manager, channel!.groupId);
    expect(details.channels.find((c) => c.id === channel!.id)?.tokenInvalidAt).toEqual(expect.any(String));
    // The thread explains the failed message in the reader's language.
    const failed = (await listThreadMessages(t.db, conversationId)).at(-1)!;
    expect(failed).toMatchObject({ status: "failed", failureCode: "190.463" });

    // A new token clears it.
    process.env.TOKEN_ENCRYPTION_KEY ??= "a-test-key-of-some-length";
    await setChannelToken(t.db, manager, { channelId: channel!.id, accessToken: "EAAG-new-token-123" });
    expect((await listGroups(t.db, manager)).find((g) => g.name === "Suporte")!.channelsNeedingToken).toBe(0);
    await t.db.update(channels).set({ accessTokenEncrypted: null }).where(eq(channels.id, channel!.id));
  });

  it("131047 closes the reply box until the contact writes again", async () => {
    const { conversationId, waId } = await conversationWithInbound();
    fake.failNext(1, { code: 131047 });
    const error = await refusal(sendReply(t.db, { conversationId, userId: agentId, body: "fora da janela" }, graph));
    expect(error).toMatchObject({ code: "send_failed", params: { metaCode: "131047" } });
    expect(explain(error!, "en")).toMatch(/More than 24 hours/);
    expect(explain(error!, "en")).not.toMatch(/#131047/);

    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation!.windowClosedAt).toBeInstanceOf(Date);
    // The view the reply box reads says the window is closed…
    const detail = await loadConversationDetail(t.db, conversationId);
    expect(new Date(detail!.windowClosesAt!).getTime()).toBeLessThanOrEqual(Date.now());
    // …and the server refuses the next reply without calling Meta.
    fake.reset();
    expect((await refusal(sendReply(t.db, { conversationId, userId: agentId, body: "de novo" }, graph)))?.code).toBe("window_closed");
    expect(fake.requests()).toHaveLength(0);

    // The contact writes: the window opens again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await deliver(t.db, messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text("voltei"))]), { graph });
    expect(new Date((await loadConversationDetail(t.db, conversationId))!.windowClosesAt!).getTime()).toBeGreaterThan(Date.now());
    await expect(sendReply(t.db, { conversationId, userId: agentId, body: "bem-vindo de volta" }, graph)).resolves.toBeDefined();
  });
});
