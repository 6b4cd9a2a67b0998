// Private notes and @mentions against real PostgreSQL and the fake Graph API: a note is
// never sent, sets no first response, is not a reply for the no-reply timer; a mention
// reaches only the user mentioned, and only if they may see the conversation.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { conversations, mentions, messages } from "@/db/schema";
import { requeueByTimers } from "@/lib/distribution/timers";
import { UserError } from "@/lib/errors";
import { roomsFor, rooms } from "@/lib/realtime/signals";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";
import { deliver, newWaId, SUPORTE, testGraphConfig } from "@/test/whatsapp-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { addNoteAs } from "./add-note";
import { countUnreadMentions, listMentionCandidates, markMentionsRead, readMentions } from "./mentions";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let diego: Actor, carla: Actor, ana: Actor, manager: Actor;
const names: Record<number, string> = {};

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  [diego, carla, ana, manager] = (await Promise.all(["diego", "carla", "ana", "manager"].map((h) => actorOf(t.db, h)))) as Actor[] as [Actor, Actor, Actor, Actor];
  for (const u of await t.db.execute<{ id: number; name: string }>(sql`SELECT id, name FROM users`)) names[u.id] = u.name;
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

/** A new contact writes to Suporte (no welcome message): a queued conversation. */
async function suporteConversation(): Promise<number> {
  const waId = newWaId();
  const outcome = await deliver(t.db, messagesNotification(SUPORTE, [{ waId }], [inboundMessage(waId, content.text("Olá"))]), { graph });
  if (outcome.outcome !== "processed") throw new Error("not processed");
  fake.reset();
  return outcome.result.messages[0]!.conversationId;
}

describe("a private note", () => {
  it("is stored as an internal note, never sent to WhatsApp, and sets no first response", async () => {
    const conversationId = await suporteConversation();
    const { messageId } = await addNoteAs(t.db, diego, { conversationId, body: "  Cliente pediu desconto; confirmar com o financeiro.  " }, );
    const [note] = await t.db.select().from(messages).where(eq(messages.id, messageId));
    expect(note).toMatchObject({ direction: "internal", type: "note", authorType: "user", authorUserId: diego.id, body: "Cliente pediu desconto; confirmar com o financeiro.", waMessageId: null, status: null });
    // Nothing reached the Graph API, even after a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests()).toEqual([]);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation!.firstResponseAt).toBeNull();
  });

  it("may be written by anyone who may see the conversation, not by others", async () => {
    const conversationId = await suporteConversation();
    const refused = await addNoteAs(t.db, ana, { conversationId, body: "não sou do Suporte" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe("forbidden");
    const before = await t.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    expect(before.every((m) => m.direction === "in")).toBe(true);
    const empty = await addNoteAs(t.db, diego, { conversationId, body: " \u200b " }).catch((e: unknown) => e);
    expect((empty as UserError).code).toBe("invalid_input");
  });

  it("is not a reply for the no-reply timer: an assignee who only wrote a note is reassigned", async () => {
    const conversationId = await suporteConversation();
    const suporte = (await t.db.execute<{ id: number }>(sql`SELECT id FROM channel_groups WHERE name = 'Suporte'`))[0]!.id;
    await t.db.execute(sql`UPDATE channel_groups SET reassign_no_reply_after_minutes = 1 WHERE id = ${suporte}`);
    try {
      // Assigned automatically to diego a minute ago (the event the engine writes).
      await t.db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${diego.id}, assigned_at = now() - interval '2 minutes' WHERE id = ${conversationId}`);
      await t.db.execute(sql`INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, reason, created_at)
                             VALUES (${conversationId}, ${suporte}, 'auto', ${diego.id}, '{"strategy":"sequential"}', now() - interval '2 minutes')`);
      await addNoteAs(t.db, diego, { conversationId, body: "Vou ver isso depois" });
      const changes = await requeueByTimers(t.db, { minuteSeconds: 60 });
      expect(changes.map((c) => c.conversationId)).toContain(conversationId);
    } finally {
      await t.db.execute(sql`UPDATE channel_groups SET reassign_no_reply_after_minutes = NULL WHERE id = ${suporte}`);
    }
  });
});

describe("an @mention", () => {
  it("reaches only the users mentioned who may see the conversation", async () => {
    const conversationId = await suporteConversation();
    const body = `@${names[carla.id]} e @${names[ana.id]} e @${names[manager.id]}, vejam isso`;
    const result = await addNoteAs(t.db, diego, { conversationId, body, mentions: [carla.id, ana.id, manager.id] });

    // Carla (Suporte) and the manager may see it; Ana (Vendas only) may not.
    expect(result.delivered.map((u) => u.id).sort()).toEqual([carla.id, manager.id].sort());
    expect(result.undelivered.map((u) => u.id)).toEqual([ana.id]);
    const rows = await t.db.select().from(mentions).where(eq(mentions.messageId, result.messageId));
    expect(rows.map((r) => r.userId).sort()).toEqual([carla.id, manager.id].sort());

    // Each mention signal goes to the mentioned user's room and nowhere else.
    const mentionSignals = result.signals.filter((s) => s.type === "mention.created");
    expect(mentionSignals.map((s) => roomsFor(s))).toEqual(
      expect.arrayContaining([[rooms.user(carla.id)], [rooms.user(manager.id)]]),
    );
    expect(mentionSignals).toHaveLength(2);
    expect(result.signals.flatMap((s) => roomsFor(s))).not.toContain(rooms.user(ana.id));

    // Carla's Mentions view has it, unread; Ana's has nothing.
    const carlasView = await readMentions(t.db, carla);
    expect(carlasView.items[0]).toMatchObject({ conversationId, messageId: result.messageId, read: false, authorName: names[diego.id] });
    expect((await readMentions(t.db, ana)).items.find((m) => m.conversationId === conversationId)).toBeUndefined();

    // Read in one tab: the signal tells her other tabs; the count drops.
    const unread = await countUnreadMentions(t.db, carla);
    const marked = await markMentionsRead(t.db, carla, { conversationId });
    expect(marked.marked).toBe(1);
    expect(marked.signal && roomsFor(marked.signal)).toEqual([rooms.user(carla.id)]);
    expect(await countUnreadMentions(t.db, carla)).toBe(unread - 1);
  });

  it("counts only while its @name is in the text, and never the author", async () => {
    const conversationId = await suporteConversation();
    const result = await addNoteAs(t.db, diego, { conversationId, body: `Só uma nota, @${names[diego.id]}`, mentions: [carla.id, diego.id] });
    expect(result.delivered).toEqual([]);
    expect(result.signals.filter((s) => s.type === "mention.created")).toEqual([]);
  });

  it("candidates say who may see the conversation", async () => {
    const conversationId = await suporteConversation();
    const candidates = await listMentionCandidates(t.db, diego, conversationId);
    expect(candidates.find((c) => c.id === carla.id)?.canSee).toBe(true);
    expect(candidates.find((c) => c.id === ana.id)?.canSee).toBe(false);
    expect(candidates.find((c) => c.id === diego.id)).toBeUndefined();
  });
});
