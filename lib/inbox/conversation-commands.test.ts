// The logic behind the inbox's server actions: who may take, assign, transfer, return,
// close and reply (docs/behaviour.md#people-and-permissions), that a refusal says why and changes nothing, and that
// invalid input is refused with a clear message.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { auditDatabase } from "@/test/distribution-audit";
import { UserError } from "@/lib/errors";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { testGraphConfig } from "@/test/whatsapp-fixtures";
import {
  assignConversationAs,
  closeConversationAs,
  replyAs,
  returnToQueueAs,
  takeConversationAs,
  transferConversationAs,
} from "./conversation-commands";

let t: TestDatabase;
let fake: FakeGraph;
const people: Record<string, Actor> = {};
const conversationOf: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  for (const u of await t.sql`SELECT id, role, name, split_part(email, '@', 1) AS handle FROM users`) people[u.handle] = { id: u.id, role: u.role, name: u.name };
  for (const c of await t.sql`SELECT c.id, k.profile_name AS name FROM conversations c JOIN contacts k ON k.id = c.contact_id`) {
    conversationOf[c.name.split(" ")[0]] = c.id;
  }
});
beforeEach(() => fake.reset());
afterAll(async () => {
  expect(await auditDatabase(t.db)).toEqual([]);
  await fake.close();
  await t.drop();
});

/** The UserError a command is refused with ("accepted" if it was not). */
async function refusal(promise: Promise<unknown>): Promise<UserError | "accepted"> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

/** Everything a refused command must leave as it was. */
async function state(conversationId: number) {
  const [row] = await t.db.execute<{ status: string; assigneeId: number | null; events: number; messages: number }>(sql`
    SELECT status, assignee_id AS "assigneeId",
           (SELECT count(*)::int FROM assignment_events e WHERE e.conversation_id = c.id) AS events,
           (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id) AS messages
      FROM conversations c WHERE id = ${conversationId}`);
  return row!;
}

/** Takes a thunk: the command must start after the "before" snapshot. */
async function expectRefused(run: () => Promise<unknown>, conversationId: number, code: string) {
  const before = await state(conversationId);
  const error = await refusal(run());
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  expect(await state(conversationId)).toEqual(before);
  return error as UserError;
}

describe("permissions", () => {
  it("an agent cannot take a conversation of a group they are not in", async () => {
    // Beatriz waits in Financeiro; ana is only in Vendas.
    await expectRefused(() => takeConversationAs(t.db, people.ana!, { conversationId: conversationOf.Beatriz! }), conversationOf.Beatriz!, "forbidden");
  });

  it("an agent cannot transfer, return or close someone else's conversation", async () => {
    // Patrícia is bruno's; ana is in the same group but it is not hers.
    const patricia = conversationOf.Patrícia!;
    await expectRefused(() => transferConversationAs(t.db, people.ana!, { conversationId: patricia, to: { agentId: people.ana!.id } }), patricia, "forbidden");
    await expectRefused(() => returnToQueueAs(t.db, people.ana!, { conversationId: patricia }), patricia, "forbidden");
    await expectRefused(() => closeConversationAs(t.db, people.ana!, { conversationId: patricia }), patricia, "forbidden");
    await expectRefused(() => replyAs(t.db, people.ana!, { conversationId: patricia, body: "Oi!" }, testGraphConfig(fake)), patricia, "forbidden");
    expect(fake.sent()).toEqual([]);
  });

  it("an agent cannot even read another group's conversation, let alone close it", async () => {
    await expectRefused(() => closeConversationAs(t.db, people.ana!, { conversationId: conversationOf.Camila! }), conversationOf.Camila!, "forbidden");
  });

  it("only managers assign to someone else", async () => {
    const juliana = conversationOf.Juliana!;
    await expectRefused(() => assignConversationAs(t.db, people.ana!, { conversationId: juliana, agentId: people.bruno!.id }), juliana, "forbidden");
  });

  it("a transfer goes only to a member of the conversation's group", async () => {
    // Rafael is ana's (Vendas); fabio is not in Vendas.
    const error = await expectRefused(() => transferConversationAs(t.db, people.ana!, { conversationId: conversationOf.Rafael!, to: { agentId: people.fabio!.id } }),
      conversationOf.Rafael!,
      "not_member",
    );
    expect(error.params).toMatchObject({ name: "Fábio Melo" });
  });
});

describe("invalid input", () => {
  it("is refused with a message naming the field, and changes nothing", async () => {
    const gustavo = conversationOf.Gustavo!;
    const bad = await refusal(takeConversationAs(t.db, people.fabio!, { conversationId: "abc" as never }));
    expect(bad).toMatchObject({ code: "invalid_input", fields: { conversationId: "inbox.invalid.conversationId" } });
    expect((bad as UserError).message).toMatch(/conversationId/);

    const negative = await refusal(transferConversationAs(t.db, people.fabio!, { conversationId: gustavo, to: { agentId: -3 } }));
    expect(negative).toMatchObject({ code: "invalid_input" });
    const nowhere = await refusal(transferConversationAs(t.db, people.fabio!, { conversationId: gustavo, to: "elsewhere" as never }));
    expect(nowhere).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/member of the group or the queue/) });

    const empty = await refusal(replyAs(t.db, people.fabio!, { conversationId: conversationOf.Camila!, body: "   " }, testGraphConfig(fake)));
    expect(empty).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/Type a message before sending/) });
    const long = await refusal(replyAs(t.db, people.fabio!, { conversationId: conversationOf.Camila!, body: "a".repeat(4097) }, testGraphConfig(fake)));
    expect(long).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/at most 4096 characters/) });
    expect(fake.sent()).toEqual([]);
    expect(await state(gustavo)).toMatchObject({ status: "queued", events: 0 });
  });

  it("a conversation that does not exist is not found", async () => {
    expect(await refusal(takeConversationAs(t.db, people.fabio!, { conversationId: 987_654 }))).toMatchObject({ code: "not_found" });
  });
});

describe("the actions", () => {
  it("two members take at once: one gets it, the other is told who", async () => {
    const gustavo = conversationOf.Gustavo!;
    const outcomes = await Promise.all([
      refusal(takeConversationAs(t.db, people.elisa!, { conversationId: gustavo })),
      refusal(takeConversationAs(t.db, people.fabio!, { conversationId: gustavo })),
    ]);
    const winners = outcomes.filter((o) => o === "accepted");
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((o) => o !== "accepted") as UserError;
    const { assigneeId } = await state(gustavo);
    expect(loser.code).toBe("already_taken");
    expect(loser.params.name).toBe(assigneeId === people.elisa!.id ? "Elisa Rocha" : "Fábio Melo");
  });

  it("take, transfer, return to the queue, a manager's assignment and close, each recorded", async () => {
    const beatriz = conversationOf.Beatriz!;
    const taken = await takeConversationAs(t.db, people.fabio!, { conversationId: beatriz });
    expect(taken.changes).toEqual([expect.objectContaining({ kind: "self", to: people.fabio!.id, status: "assigned" })]);

    const transferred = await transferConversationAs(t.db, people.fabio!, { conversationId: beatriz, to: { agentId: people.elisa!.id } });
    expect(transferred.changes[0]).toMatchObject({ kind: "transfer", from: people.fabio!.id, to: people.elisa!.id });
    // Now it is elisa's: fabio no longer works it.
    await expectRefused(() => closeConversationAs(t.db, people.fabio!, { conversationId: beatriz }), beatriz, "forbidden");

    const returned = await returnToQueueAs(t.db, people.elisa!, { conversationId: beatriz });
    expect(returned.changes[0]).toMatchObject({ kind: "requeue", status: "queued", to: null });

    const assigned = await assignConversationAs(t.db, people.manager!, { conversationId: beatriz, agentId: people.fabio!.id });
    expect(assigned.changes[0]).toMatchObject({ kind: "manager", actorId: people.manager!.id, to: people.fabio!.id });

    const closed = await closeConversationAs(t.db, people.fabio!, { conversationId: beatriz });
    expect(closed.changes[0]).toMatchObject({ kind: "close", status: "closed" });
    expect(await state(beatriz)).toMatchObject({ status: "closed", events: 5 });
  });

  it("a manager may close any conversation", async () => {
    const closed = await closeConversationAs(t.db, people.manager!, { conversationId: conversationOf.Patrícia! });
    expect(closed.changes[0]).toMatchObject({ kind: "close", actorId: people.manager!.id });
  });
});

describe("reply", () => {
  it("sends the assignee's reply to the contact's number and announces the message", async () => {
    const rafael = conversationOf.Rafael!;
    const outcome = await replyAs(t.db, people.ana!, { conversationId: rafael, body: "  Segue o orçamento.  " }, testGraphConfig(fake));
    expect(outcome).toMatchObject({ sent: true, signal: { type: "message.created", conversationId: rafael, direction: "out", assigneeId: people.ana!.id } });
    expect(fake.sent()).toEqual([expect.objectContaining({ to: "5511987650002", body: "Segue o orçamento.", phoneNumberId: "100000000000001" })]);
  });

  it("refuses when the 24-hour window has closed, storing nothing", async () => {
    const rafael = conversationOf.Rafael!;
    await t.db.execute(sql`UPDATE conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = ${rafael}`);
    await expectRefused(() => replyAs(t.db, people.ana!, { conversationId: rafael, body: "Ainda aí?" }, testGraphConfig(fake)), rafael, "window_closed");
    expect(fake.sent()).toEqual([]);
    await t.db.execute(sql`UPDATE conversations SET last_inbound_at = now() WHERE id = ${rafael}`);
  });

  it("keeps a reply WhatsApp refused, as failed, and reports why", async () => {
    fake.failAlways(400);
    const outcome = await replyAs(t.db, people.ana!, { conversationId: conversationOf.Rafael!, body: "Teste" }, testGraphConfig(fake));
    expect(outcome.sent).toBe(false);
    if (outcome.sent) return;
    expect(outcome.error).toMatchObject({ code: "send_failed", params: { reason: expect.stringContaining("Invalid parameter") } });
    const [row] = await t.db.execute<{ status: string }>(sql`SELECT status FROM messages WHERE id = ${outcome.messageId}`);
    expect(row!.status).toBe("failed");
  });
});
