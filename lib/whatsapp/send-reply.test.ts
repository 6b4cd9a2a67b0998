import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channels, conversations, messages } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import { encryptSecret } from "@/lib/secrets";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "./graph-config";
import { MAX_TEXT_LENGTH, sendReply } from "./send-reply";
import { refusal, SUPORTE, suporteConversation, testGraphConfig } from "@/test/whatsapp-fixtures";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let agentId: number;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  agentId = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "diego@fila.test") }))!.id;
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

/** A conversation whose contact wrote `minutesAgo`. */
const conversationWithInbound = (minutesAgo = 1) => suporteConversation(t.db, graph, { minutesAgo, text: "Olá" });
const messageRow = async (id: number) => (await t.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const conversationRow = async (id: number) => (await t.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;

describe("sendReply", () => {
  it("stores the reply, sends it, and records the first response", async () => {
    const { conversationId, waId } = await conversationWithInbound();
    const { messageId } = await sendReply(t.db, { conversationId, userId: agentId, body: "  Oi! Como posso ajudar?  " }, graph);

    const [sent] = fake.sent();
    expect(sent).toMatchObject({ phoneNumberId: SUPORTE.phoneNumberId, to: waId, body: "Oi! Como posso ajudar?" });
    const message = await messageRow(messageId);
    expect(message).toMatchObject({ direction: "out", authorType: "user", authorUserId: agentId, status: "sent", waMessageId: sent!.waMessageId, body: "Oi! Como posso ajudar?" });
    expect(message.sentAt).not.toBeNull();
    const conversation = await conversationRow(conversationId);
    expect(conversation.firstResponseAt).not.toBeNull();
    expect(conversation.lastMessageAt!.getTime()).toBeGreaterThanOrEqual(message.createdAt.getTime());

    // A second reply leaves the first response where it was.
    await sendReply(t.db, { conversationId, userId: agentId, body: "Mais alguma coisa?" }, graph);
    expect((await conversationRow(conversationId)).firstResponseAt).toEqual(conversation.firstResponseAt);
  });

  it("uses the channel's sealed token when it has one", async () => {
    const { conversationId } = await conversationWithInbound();
    process.env.TOKEN_ENCRYPTION_KEY ??= "a-test-key-of-some-length";
    await t.db.update(channels).set({ accessTokenEncrypted: encryptSecret("EAAG-real-token") }).where(eq(channels.phoneNumberId, SUPORTE.phoneNumberId));
    try {
      await sendReply(t.db, { conversationId, userId: agentId, body: "com token" }, graph);
      expect(fake.sent()[0]!.authorization).toBe("Bearer EAAG-real-token");
    } finally {
      await t.db.update(channels).set({ accessTokenEncrypted: null }).where(eq(channels.phoneNumberId, SUPORTE.phoneNumberId));
    }
  });

  it("gets through a Graph API that fails twice with 500", async () => {
    const { conversationId } = await conversationWithInbound();
    fake.failNext(2, 500);
    const { messageId } = await sendReply(t.db, { conversationId, userId: agentId, body: "insistente" }, graph);
    expect(fake.requests().map((r) => r.status)).toEqual([500, 500, 200]);
    expect(fake.sent()).toHaveLength(1);
    expect((await messageRow(messageId)).status).toBe("sent");
  });

  it("marks the message failed with Meta's error and tells the agent when the send fails for good", async () => {
    const { conversationId } = await conversationWithInbound();
    fake.failAlways(500);
    const result = await sendReply(t.db, { conversationId, userId: agentId, body: "perdida" }, graph);
    expect(result.sent).toBe(false);
    if (result.sent) return;
    expect(result.error).toBeInstanceOf(UserError);
    expect(result.error.code).toBe("send_failed");
    const message = await messageRow(result.messageId);
    expect(message).toMatchObject({ status: "failed", waMessageId: null, error: { code: 131000, message: "(#131000) Something went wrong" } });
    expect(message.failedAt).not.toBeNull();
    // A failed send is not a response.
    expect((await conversationRow(conversationId)).firstResponseAt).toBeNull();
  });

  it("refuses a reply after the 24-hour window, storing and sending nothing", async () => {
    const { conversationId } = await conversationWithInbound(24 * 60 + 1);
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(messages))[0]!.n;
    const error = await refusal(sendReply(t.db, { conversationId, userId: agentId, body: "tarde demais" }, graph));
    expect(error?.code).toBe("window_closed");
    expect(error?.message).toMatch(/24-hour window/);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(messages))[0]!.n).toBe(before);
    expect(fake.requests()).toHaveLength(0);

    const { conversationId: recent } = await conversationWithInbound(23 * 60 + 55);
    await expect(sendReply(t.db, { conversationId: recent, userId: agentId, body: "a tempo" }, graph)).resolves.toBeDefined();
  });

  it("refuses an empty, blank or oversized body, a closed or missing conversation", async () => {
    const { conversationId } = await conversationWithInbound();
    for (const body of ["", "   \n\t ", "x".repeat(MAX_TEXT_LENGTH + 1)]) {
      expect((await refusal(sendReply(t.db, { conversationId, userId: agentId, body }, graph)))?.code).toBe("invalid_input");
    }
    // The limit counts characters, not UTF-16 units.
    await expect(sendReply(t.db, { conversationId, userId: agentId, body: "😀".repeat(MAX_TEXT_LENGTH) }, graph)).resolves.toBeDefined();

    expect((await refusal(sendReply(t.db, { conversationId: 999_999, userId: agentId, body: "oi" }, graph)))?.code).toBe("not_found");
    await t.db.update(conversations).set({ status: "closed", closedAt: new Date() }).where(eq(conversations.id, conversationId));
    expect((await refusal(sendReply(t.db, { conversationId, userId: agentId, body: "oi" }, graph)))?.code).toBe("conflict");
    expect(fake.sent()).toHaveLength(1);
  });
});
