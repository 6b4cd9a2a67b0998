// Issue 11 finding 3: an agent firing "transfer to Bruno" together with "close" (or a
// second transfer) must not close or move a conversation that has just become Bruno's.
// Every command authorizes again inside its transaction, against the row it locked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { assignConversation } from "@/lib/distribution";
import { auditDatabase } from "@/test/distribution-audit";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { testGraphConfig } from "@/test/whatsapp-fixtures";
import { assignConversationAs, closeConversationAs, replyAs, transferConversationAs } from "./conversation-commands";

let t: TestDatabase;
let fake: FakeGraph;
let manager: Actor;
let ana: Actor;
let bruno: Actor;
let carla: Actor;
let vendas: number;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true, max: 30 });
  fake = await startFakeGraph();
  [manager, ana, bruno, carla] = (await Promise.all(["manager", "ana", "bruno", "carla"].map((h) => actorOf(t.db, h)))) as [Actor, Actor, Actor, Actor];
  vendas = await findGroupId(t.db, "Vendas");
});
afterAll(async () => {
  expect(await auditDatabase(t.db)).toEqual([]);
  await fake.close();
  await t.drop();
});

const settle = (promises: Promise<unknown>[]) => Promise.allSettled(promises);

describe("commands authorized under the row lock", () => {
  it("never writes an event with actor=ana whose conversation was not ana's (12 trials of transfer + close + transfer)", async () => {
    const ids = await queueConversations(t.db, vendas, 12);
    for (const conversationId of ids) {
      await assignConversation(t.db, { actorId: manager.id, conversationId, agentId: ana.id });
      await settle([
        transferConversationAs(t.db, ana, { conversationId, to: { agentId: bruno.id } }),
        closeConversationAs(t.db, ana, { conversationId }),
        transferConversationAs(t.db, ana, { conversationId, to: { agentId: carla.id } }),
        transferConversationAs(t.db, ana, { conversationId, to: "queue" }),
      ]);
    }
    const wrong = await t.sql`
      SELECT conversation_id, kind, from_user_id, to_user_id FROM assignment_events
       WHERE conversation_id = ANY(${ids}::int[]) AND actor_id = ${ana.id} AND from_user_id IS DISTINCT FROM ${ana.id}`;
    expect(wrong).toEqual([]);
    // Ana did one thing to each conversation: exactly one of her commands won.
    const [{ n }] = (await t.sql`SELECT count(*)::int AS n FROM assignment_events WHERE conversation_id = ANY(${ids}::int[]) AND actor_id = ${ana.id}`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(ids.length);
  });

  it("refuses a reply to a conversation transferred away in the meantime, storing nothing", async () => {
    const [conversationId] = await queueConversations(t.db, vendas, 1);
    await t.sql`UPDATE conversations SET last_inbound_at = now() WHERE id = ${conversationId!}`;
    await assignConversation(t.db, { actorId: manager.id, conversationId: conversationId!, agentId: ana.id });
    const results = await settle([
      transferConversationAs(t.db, ana, { conversationId: conversationId!, to: { agentId: bruno.id } }),
      ...Array.from({ length: 4 }, () => replyAs(t.db, ana, { conversationId: conversationId!, body: "Oi" }, testGraphConfig(fake))),
    ]);
    expect(results[0]!.status).toBe("fulfilled");
    const [after] = await t.sql`SELECT assignee_id FROM conversations WHERE id = ${conversationId!}`;
    expect(after!.assignee_id).toBe(bruno.id);
    // A reply stored after the transfer would have been written as ana on Bruno's conversation.
    const late = await t.sql`
      SELECT m.id FROM messages m
       WHERE m.conversation_id = ${conversationId!} AND m.author_user_id = ${ana.id}
         AND m.created_at > (SELECT max(created_at) FROM assignment_events WHERE conversation_id = ${conversationId!} AND kind = 'transfer')`;
    expect(late).toEqual([]);
  });

  it("refuses a manager's assignment once they were demoted", async () => {
    const [conversationId] = await queueConversations(t.db, vendas, 1);
    const demoted: Actor = { id: carla.id, role: "manager" }; // a stale role, as a session read a moment ago would have it
    await expect(assignConversationAs(t.db, demoted, { conversationId: conversationId!, agentId: bruno.id })).rejects.toMatchObject({ code: "forbidden" });
    const [row] = await t.sql`SELECT status FROM conversations WHERE id = ${conversationId!}`;
    expect(row!.status).toBe("queued");
  });
});
