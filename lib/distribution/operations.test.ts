// Each operation on its own: what it changes, the event it writes, what it refuses.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import {
  assignConversation,
  closeConversation,
  routeNewConversation,
  setAgentStatus,
  takeConversation,
  transferConversation,
} from "./index";
import { arrive, createAgents, insertTestGroup, insertQueuedConversation, queuedIn } from "@/test/distribution-fixtures";
import { auditDatabase } from "@/test/distribution-audit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  expect(await auditDatabase(t.db)).toEqual([]);
  await t.drop();
});

async function conversation(id: number) {
  const [row] = await t.db.execute<{
    status: string;
    assigneeId: number | null;
    queuedAt: string;
    assignedAt: string | null;
    closedAt: string | null;
  }>(sql`SELECT status, assignee_id AS "assigneeId", queued_at::text AS "queuedAt", assigned_at::text AS "assignedAt",
                closed_at::text AS "closedAt" FROM conversations WHERE id = ${id}`);
  return row!;
}

async function eventsOf(conversationId: number) {
  return t.db.execute<{ kind: string; actorId: number | null; from: number | null; to: number | null; reason: Record<string, unknown>; createdAt: string }>(sql`
    SELECT kind, actor_id AS "actorId", from_user_id AS "from", to_user_id AS "to", reason, created_at::text AS "createdAt"
      FROM assignment_events WHERE conversation_id = ${conversationId} ORDER BY id`);
}

async function expectUserError(promise: Promise<unknown>, code: string, params?: Record<string, unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  if (params) expect((error as UserError).params).toMatchObject(params);
  return error as UserError;
}

describe("routeNewConversation", () => {
  it("assigns at once in an automatic group, writing the reason of the decision", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 4, members: [a!, b!] });
    const { conversationId, changes } = await arrive(t.db, group);
    expect(changes).toEqual([{ conversationId, groupId: group.groupId, from: null, to: a, status: "assigned", kind: "auto", actorId: null }]);

    const [event] = await eventsOf(conversationId);
    expect(event).toMatchObject({ kind: "auto", actorId: null, from: null, to: a });
    expect(event!.reason).toMatchObject({
      strategy: "balanced",
      winner: a,
      rules: { onlineOnly: true, maxOpenPerAgent: 4 },
      candidates: [
        { userId: a, status: "online", load: 0, eligible: true },
        { userId: b, status: "online", load: 0, eligible: true },
      ],
    });
    // One instant for the assignment, the member's turn and the event.
    const [turn] = await t.db.execute<{ at: string }>(
      sql`SELECT last_auto_assigned_at::text AS at FROM group_members WHERE group_id = ${group.groupId} AND user_id = ${a!}`,
    );
    expect((await conversation(conversationId)).assignedAt).toBe(turn!.at);
    expect(event!.createdAt).toBe(turn!.at);
  });

  it("leaves the conversation queued in a manual group, without an event", async () => {
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "manual", members: [a!] });
    const { conversationId, changes } = await arrive(t.db, group);
    expect(changes).toEqual([]);
    expect((await conversation(conversationId)).status).toBe("queued");
    expect(await eventsOf(conversationId)).toHaveLength(0);
  });

  it("refuses an unknown conversation", async () => {
    await expectUserError(routeNewConversation(t.db, 987654), "not_found");
  });
});

describe("takeConversation", () => {
  it("assigns a queued conversation to the taker; a second taker is told who has it", async () => {
    const [a, b] = await createAgents(t.db, 2);
    const group = await insertTestGroup(t.db, { strategy: "manual", members: [a!, b!] });
    const conversationId = await insertQueuedConversation(t.db, group);

    const { changes } = await takeConversation(t.db, { agentId: a!, conversationId });
    expect(changes).toEqual([{ conversationId, groupId: group.groupId, from: null, to: a, status: "assigned", kind: "self", actorId: a }]);
    expect(await conversation(conversationId)).toMatchObject({ status: "assigned", assigneeId: a });

    const [name] = await t.db.execute<{ name: string }>(sql`SELECT name FROM users WHERE id = ${a!}`);
    const error = await expectUserError(takeConversation(t.db, { agentId: b!, conversationId }), "already_taken", {
      name: name!.name,
      assigneeId: a!,
    });
    expect(error.message).toBe(`${name!.name} already took this conversation.`);
    // Taking again what is already yours changes nothing.
    expect(await takeConversation(t.db, { agentId: a!, conversationId })).toEqual({ changes: [] });
  });

  it("refuses a closed conversation, an inactive taker and a non-member; a manager may take from any group", async () => {
    const [a, outsider] = await createAgents(t.db, 2);
    const [inactive] = await createAgents(t.db, 1, { active: false });
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    const group = await insertTestGroup(t.db, { strategy: "manual", members: [a!, inactive!] });
    const closed = await insertQueuedConversation(t.db, group);
    await closeConversation(t.db, { actorId: a!, conversationId: closed });
    await expectUserError(takeConversation(t.db, { agentId: a!, conversationId: closed }), "not_queued");

    const queued = await insertQueuedConversation(t.db, group);
    await expectUserError(takeConversation(t.db, { agentId: inactive!, conversationId: queued }), "not_eligible");
    await expectUserError(takeConversation(t.db, { agentId: outsider!, conversationId: queued }), "not_member");
    await expectUserError(takeConversation(t.db, { agentId: 999999, conversationId: queued }), "not_found");
    await expectUserError(takeConversation(t.db, { agentId: a!, conversationId: 999999 }), "not_found");
    const { changes } = await takeConversation(t.db, { agentId: manager!, conversationId: queued });
    expect(changes[0]).toMatchObject({ to: manager, kind: "self" });
  });
});

describe("assignConversation", () => {
  it("gives a queued or an assigned conversation to any member, then drains the former assignee's groups", async () => {
    const [a] = await createAgents(t.db, 1, { status: "offline" });
    const [b] = await createAgents(t.db, 1, { status: "online" });
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    // Only b is eligible in the capped group, and b is at its cap: one conversation waits.
    const capped = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 1, members: [a!, b!] });
    const first = (await arrive(t.db, capped)).conversationId;
    const waiting = (await arrive(t.db, capped)).conversationId;
    expect(await queuedIn(t.db, capped.groupId)).toEqual([waiting]);

    // A queued conversation to an offline member: the manager decides, not the strategy.
    expect((await assignConversation(t.db, { actorId: manager!, conversationId: waiting, agentId: a! })).changes).toEqual([
      { conversationId: waiting, groupId: capped.groupId, from: null, to: a, status: "assigned", kind: "manager", actorId: manager },
    ]);
    const another = (await arrive(t.db, capped)).conversationId;
    expect(await queuedIn(t.db, capped.groupId)).toEqual([another]);

    // Moving b's conversation to a frees b, and the queue drains into b.
    expect((await assignConversation(t.db, { actorId: manager!, conversationId: first, agentId: a! })).changes).toEqual([
      { conversationId: first, groupId: capped.groupId, from: b, to: a, status: "assigned", kind: "manager", actorId: manager },
      { conversationId: another, groupId: capped.groupId, from: null, to: b, status: "assigned", kind: "auto", actorId: null },
    ]);
    // Assigning to the current assignee changes nothing.
    expect(await assignConversation(t.db, { actorId: manager!, conversationId: first, agentId: a! })).toEqual({ changes: [] });
  });

  it("refuses a target outside the group, inactive, unknown, and a closed conversation", async () => {
    const [a, outsider] = await createAgents(t.db, 2);
    const [inactive] = await createAgents(t.db, 1, { active: false });
    const group = await insertTestGroup(t.db, { strategy: "manual", members: [a!, inactive!] });
    const conversationId = await insertQueuedConversation(t.db, group);
    await expectUserError(assignConversation(t.db, { actorId: a!, conversationId, agentId: outsider! }), "not_member");
    await expectUserError(assignConversation(t.db, { actorId: a!, conversationId, agentId: inactive! }), "not_eligible");
    await expectUserError(assignConversation(t.db, { actorId: a!, conversationId, agentId: 999999 }), "not_found");
    await closeConversation(t.db, { actorId: a!, conversationId });
    await expectUserError(assignConversation(t.db, { actorId: a!, conversationId, agentId: a! }), "conflict");
  });
});

describe("transferConversation", () => {
  it("hands over to a member, or back to the queue keeping its place, then drains", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", members: [a!, b!] });
    const older = await insertQueuedConversation(t.db, group);
    const conversationId = await insertQueuedConversation(t.db, group);
    await takeConversation(t.db, { agentId: a!, conversationId });
    const before = await conversation(conversationId);

    expect((await transferConversation(t.db, { actorId: a!, conversationId, to: { agentId: b! } })).changes).toEqual([
      { conversationId, groupId: group.groupId, from: a, to: b, status: "assigned", kind: "transfer", actorId: a },
    ]);
    expect((await conversation(conversationId)).assignedAt! > before.assignedAt!).toBe(true);

    // Nobody is online: the requeued conversation waits, behind the older one, at its original place.
    expect((await transferConversation(t.db, { actorId: b!, conversationId, to: "queue" })).changes).toEqual([
      { conversationId, groupId: group.groupId, from: b, to: null, status: "queued", kind: "requeue", actorId: b },
    ]);
    expect(await conversation(conversationId)).toMatchObject({ status: "queued", assigneeId: null, assignedAt: null, queuedAt: before.queuedAt });
    expect(await queuedIn(t.db, group.groupId)).toEqual([older, conversationId]);

    // a comes online: the queue drains oldest first.
    const online = await setAgentStatus(t.db, { userId: a!, status: "online" });
    expect(online.changes.map((c) => [c.conversationId, c.to])).toEqual([
      [older, a],
      [conversationId, a],
    ]);
  });

  it("refuses a queued or closed conversation and a target outside the group", async () => {
    const [a, outsider] = await createAgents(t.db, 2);
    const group = await insertTestGroup(t.db, { strategy: "manual", members: [a!] });
    const conversationId = await insertQueuedConversation(t.db, group);
    await expectUserError(transferConversation(t.db, { actorId: a!, conversationId, to: "queue" }), "conflict");
    await takeConversation(t.db, { agentId: a!, conversationId });
    await expectUserError(transferConversation(t.db, { actorId: a!, conversationId, to: { agentId: outsider! } }), "not_member");
    await closeConversation(t.db, { actorId: a!, conversationId });
    await expectUserError(transferConversation(t.db, { actorId: a!, conversationId, to: "queue" }), "conflict");
  });
});

describe("closeConversation", () => {
  it("closes, keeps the assignee for history, and refuses a second close", async () => {
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: [a!] });
    const { conversationId } = await arrive(t.db, group);
    const { changes } = await closeConversation(t.db, { actorId: a!, conversationId });
    expect(changes).toEqual([{ conversationId, groupId: group.groupId, from: a, to: null, status: "closed", kind: "close", actorId: a }]);
    const closed = await conversation(conversationId);
    expect(closed).toMatchObject({ status: "closed", assigneeId: a });
    expect(closed.closedAt).not.toBeNull();
    await expectUserError(closeConversation(t.db, { actorId: a!, conversationId }), "conflict");
    await expectUserError(closeConversation(t.db, { actorId: a!, conversationId: 999999 }), "not_found");
  });
});

describe("setAgentStatus", () => {
  it("sets availableSince only when the agent becomes online, and reports their groups", async () => {
    const [a] = await createAgents(t.db, 1);
    const one = await insertTestGroup(t.db, { strategy: "manual", members: [a!] });
    const two = await insertTestGroup(t.db, { strategy: "balanced", members: [a!] });
    const since = async () =>
      (await t.db.execute<{ at: string | null }>(sql`SELECT available_since::text AS at FROM users WHERE id = ${a!}`))[0]!.at;

    expect(await setAgentStatus(t.db, { userId: a!, status: "offline" })).toEqual({ changes: [], groupIds: [one.groupId, two.groupId], changed: false });
    expect(await since()).toBeNull();
    expect((await setAgentStatus(t.db, { userId: a!, status: "online" })).changed).toBe(true);
    const first = await since();
    expect(first).not.toBeNull();
    await setAgentStatus(t.db, { userId: a!, status: "online" });
    expect(await since()).toBe(first);
    await setAgentStatus(t.db, { userId: a!, status: "paused" });
    expect(await since()).toBe(first);
    await setAgentStatus(t.db, { userId: a!, status: "online" });
    expect((await since())! > first!).toBe(true);
    await expectUserError(setAgentStatus(t.db, { userId: 999999, status: "online" }), "not_found");
  });
});
