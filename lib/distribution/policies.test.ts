// docs/behaviour.md#policies, one policy at a time on real PostgreSQL, each with its opposite case.
// Timers use simulated time: the test moves an assignment or an absence minutes into
// the past, then runs the sweep once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import {
  assignConversation,
  closeConversation,
  routeNewConversation,
  setAgentStatus,
  sweepQueues,
  takeConversation,
  transferConversation,
} from "./index";
import { removeGroupMember, setMemberCap, updateGroupSettings } from "@/lib/groups";
import { auditDatabase } from "@/test/distribution-audit";
import {
  arrive,
  backdate,
  createAgents,
  insertTestGroup,
  insertQueuedConversation,
  insertReturningConversation,
  replyAs,
  type TestGroup,
} from "@/test/distribution-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  expect(await auditDatabase(t.db)).toEqual([]);
  await t.drop();
});

type Event = { kind: string; from: number | null; to: number | null; reason: Record<string, unknown> & { candidates?: { userId: number; eligible: boolean; why?: string; whyCode?: string }[] } };

async function eventsOf(conversationId: number) {
  return t.db.execute<Event>(sql`
    SELECT kind, from_user_id AS "from", to_user_id AS "to", reason FROM assignment_events WHERE conversation_id = ${conversationId} ORDER BY id`);
}

async function holder(conversationId: number) {
  const [row] = await t.db.execute<{ status: string; assigneeId: number | null }>(
    sql`SELECT status, assignee_id AS "assigneeId" FROM conversations WHERE id = ${conversationId}`,
  );
  return row!;
}

const candidate = (event: Event | undefined, userId: number) => event?.reason.candidates?.find((c) => c.userId === userId);

async function refused(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("returned means someone else", () => {
  it("a returned conversation goes to another eligible agent, and the event says why not the returner", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: [a!, b!] });
    const { conversationId } = await arrive(t.db, group);
    expect((await holder(conversationId)).assigneeId).toBe(a);

    const { changes } = await transferConversation(t.db, { actorId: a!, conversationId, to: "queue" });
    expect(changes.map((c) => [c.kind, c.to])).toEqual([
      ["requeue", null],
      ["auto", b],
    ]);
    const last = (await eventsOf(conversationId)).at(-1);
    expect(candidate(last, a!)).toMatchObject({ eligible: false, why: "returned it", whyCode: "returned" });
  });

  it("with nobody else eligible it goes back to the returner at once, the reason says so, and the queue behind it is not held up", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    await setAgentStatus(t.db, { userId: b!, status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", members: [a!, b!] });
    const { conversationId } = await arrive(t.db, group);
    const { changes } = await transferConversation(t.db, { actorId: a!, conversationId, to: "queue" });
    expect(changes.map((c) => [c.kind, c.to])).toEqual([
      ["requeue", null],
      ["auto", a],
    ]);
    expect((await eventsOf(conversationId)).at(-1)?.reason).toMatchObject({ policy: "returned_longest_ago" });

    const next = await arrive(t.db, group);
    expect((await holder(next.conversationId)).assigneeId).toBe(a);
  });

  it("two agents who both return it: it never strands, and goes to the one who returned it longest ago", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: [a!, b!] });
    const { conversationId } = await arrive(t.db, group);
    expect((await holder(conversationId)).assigneeId).toBe(a);
    await transferConversation(t.db, { actorId: a!, conversationId, to: "queue" });
    expect((await holder(conversationId)).assigneeId).toBe(b);
    // b returns it too: both have, and a did so longest ago.
    await transferConversation(t.db, { actorId: b!, conversationId, to: "queue" });
    expect(await holder(conversationId)).toEqual({ status: "assigned", assigneeId: a });
    const last = (await eventsOf(conversationId)).at(-1);
    expect(last?.reason).toMatchObject({ policy: "returned_longest_ago", winner: a });
    expect(candidate(last, b!)).toMatchObject({ eligible: false, whyCode: "returned" });
    // a returns it again: now b's return is the older one.
    await transferConversation(t.db, { actorId: a!, conversationId, to: "queue" });
    expect((await holder(conversationId)).assigneeId).toBe(b);
  });
});

describe("per-agent cap", () => {
  it("a member's own cap overrides the group's, below and above it", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 2, members: [a!, b!], ownCaps: { [a!]: 1, [b!]: 3 } });
    const winners: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const { conversationId } = await arrive(t.db, group);
      winners.push((await holder(conversationId)).assigneeId);
    }
    // a stops at their own 1 (below the group's 2); b goes on to their own 3 (above it).
    expect(winners).toEqual([a, b, b, b, null]);
    const [third] = await t.db.execute<Event>(sql`
      SELECT kind, from_user_id AS "from", to_user_id AS "to", reason FROM assignment_events
       WHERE group_id = ${group.groupId} AND kind = 'auto' ORDER BY id OFFSET 2 LIMIT 1`);
    expect(candidate(third, a!)).toMatchObject({ eligible: false, why: "own cap 1/1", whyCode: "ownCap" });
  });

  it("without an own cap the group's applies", async () => {
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 2, members: [a!] });
    for (let i = 0; i < 3; i++) await arrive(t.db, group);
    const rows = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE assignee_id = ${a!}`);
    expect(rows[0]!.n).toBe(2);
  });
});

describe("take beyond the cap", () => {
  async function setup(allowTakeBeyondCap: boolean) {
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    const group = await insertTestGroup(t.db, { strategy: "manual", maxOpenPerAgent: 1, allowTakeBeyondCap, members: [a!] });
    const first = await insertQueuedConversation(t.db, group);
    const second = await insertQueuedConversation(t.db, group);
    await takeConversation(t.db, { agentId: a!, conversationId: first });
    return { a: a!, manager: manager!, second };
  }

  it("off: assign to me is refused at the cap, saying so, and nothing changes; a manager may still assign", async () => {
    const { a, manager, second } = await setup(false);
    const error = await refused(takeConversation(t.db, { agentId: a, conversationId: second }));
    expect(error.code).toBe("at_cap");
    expect(error.params).toEqual({ load: 1, cap: 1 });
    expect(await holder(second)).toEqual({ status: "queued", assigneeId: null });
    expect(await eventsOf(second)).toEqual([]);

    await assignConversation(t.db, { actorId: manager, conversationId: second, agentId: a });
    expect((await holder(second)).assigneeId).toBe(a);
  });

  it("on (the default): the agent may take past the cap", async () => {
    const { a, second } = await setup(true);
    await takeConversation(t.db, { agentId: a, conversationId: second });
    expect((await holder(second)).assigneeId).toBe(a);
  });
});

describe("away reassignment", () => {
  async function setup() {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", reassignAwayAfterMinutes: 10, members: [a!, b!] });
    const { conversationId } = await arrive(t.db, group);
    expect((await holder(conversationId)).assigneeId).toBe(a);
    await setAgentStatus(t.db, { userId: a!, status: "paused" });
    return { a: a!, b: b!, conversationId };
  }

  it("away for N minutes: requeued with reason away, and drained to a colleague", async () => {
    const { a, b, conversationId } = await setup();
    await backdate(t.db, { awayOf: a }, 11);
    const { changes } = await sweepQueues(t.db);
    expect(changes.filter((c) => c.conversationId === conversationId).map((c) => [c.kind, c.from, c.to])).toEqual([
      ["requeue", a, null],
      ["auto", null, b],
    ]);
    const [, requeue] = await eventsOf(conversationId);
    expect(requeue).toMatchObject({ kind: "requeue", from: a, to: null, reason: { policy: "away", minutes: 10 } });
  });

  it("back before N minutes: kept", async () => {
    const { a, conversationId } = await setup();
    await backdate(t.db, { awayOf: a }, 9);
    await sweepQueues(t.db);
    expect((await holder(conversationId)).assigneeId).toBe(a);
    await setAgentStatus(t.db, { userId: a, status: "online" });
    await t.db.execute(sql`UPDATE conversations SET assigned_at = assigned_at - interval '1 hour' WHERE id = ${conversationId}`);
    await sweepQueues(t.db);
    expect((await holder(conversationId)).assigneeId).toBe(a);
    expect((await eventsOf(conversationId)).map((e) => e.kind)).toEqual(["auto"]);
  });
});

describe("no-reply reassignment", () => {
  async function setup(strategy: "balanced" | "manual" = "balanced") {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy, reassignNoReplyAfterMinutes: 10, members: [a!, b!] });
    return { a: a!, b: b!, group };
  }

  it("no reply within N minutes of an automatic assignment: requeued, and to someone else", async () => {
    const { a, b, group } = await setup();
    const { conversationId } = await arrive(t.db, group);
    await backdate(t.db, { assignmentOf: conversationId }, 11);
    await sweepQueues(t.db);
    expect((await holder(conversationId)).assigneeId).toBe(b);
    const events = await eventsOf(conversationId);
    expect(events.map((e) => [e.kind, e.from, e.to])).toEqual([
      ["auto", null, a],
      ["requeue", a, null],
      ["auto", null, b],
    ]);
    expect(events[1]!.reason).toMatchObject({ policy: "no_reply", minutes: 10, note: "no reply in 10 min" });
    expect(candidate(events[2], a)).toMatchObject({ eligible: false, whyCode: "returned" });
  });

  it("replied in time: kept", async () => {
    const { a, group } = await setup();
    const { conversationId } = await arrive(t.db, group);
    await replyAs(t.db, conversationId, a);
    await backdate(t.db, { assignmentOf: conversationId }, 11);
    await sweepQueues(t.db);
    expect((await holder(conversationId)).assigneeId).toBe(a);
  });

  it("a conversation taken by hand is not affected", async () => {
    const { a, group } = await setup("manual");
    const conversationId = await insertQueuedConversation(t.db, group);
    await routeNewConversation(t.db, conversationId);
    await takeConversation(t.db, { agentId: a, conversationId });
    await backdate(t.db, { assignmentOf: conversationId }, 60);
    await sweepQueues(t.db);
    expect((await holder(conversationId)).assigneeId).toBe(a);
  });
});

describe("sticky contact", () => {
  async function returningContact(group: TestGroup, a: number) {
    const { conversationId: first } = await arrive(t.db, group);
    expect((await holder(first)).assigneeId).toBe(a);
    await closeConversation(t.db, { actorId: a, conversationId: first });
    const second = await insertReturningConversation(t.db, group, first);
    await routeNewConversation(t.db, second);
    return second;
  }

  it("a returning contact goes to their last agent when eligible, and the reason says so", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", stickyToLastAgent: true, members: [a!, b!] });
    const second = await returningContact(group, a!);
    // The sequential line would give it to b (a just had a turn).
    const [event] = await eventsOf(second);
    expect(event).toMatchObject({ kind: "auto", to: a, reason: { policy: "sticky", sticky: { agentId: a, applied: true }, note: "sticky: last agent" } });
  });

  it("when the last agent is not eligible the strategy decides, and the reason says which", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", stickyToLastAgent: true, members: [a!, b!] });
    const { conversationId: first } = await arrive(t.db, group);
    await closeConversation(t.db, { actorId: a!, conversationId: first });
    await setAgentStatus(t.db, { userId: a!, status: "offline" });
    const second = await insertReturningConversation(t.db, group, first);
    await routeNewConversation(t.db, second);
    const [event] = await eventsOf(second);
    expect(event).toMatchObject({ to: b, reason: { sticky: { agentId: a, applied: false }, note: "sticky: last agent not eligible (offline), sequential decides" } });
    expect(event!.reason.policy).toBeUndefined();
  });

  it("off: a returning contact goes by the strategy", async () => {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", members: [a!, b!] });
    const second = await returningContact(group, a!);
    const [event] = await eventsOf(second);
    expect(event).toMatchObject({ to: b });
    expect(event!.reason.sticky).toBeUndefined();
  });
});

describe("removed member", () => {
  async function setup() {
    const [a, b] = await createAgents(t.db, 2, { status: "online" });
    const [managerId] = await createAgents(t.db, 1, { role: "manager" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: [a!, b!] });
    const { conversationId } = await arrive(t.db, group);
    expect((await holder(conversationId)).assigneeId).toBe(a);
    return { a: a!, b: b!, manager: { id: managerId!, role: "manager" as const }, group, conversationId };
  }

  it("by default their open conversations of the group go back to its queue and drain, with the reason", async () => {
    const { a, b, manager, group, conversationId } = await setup();
    const result = await removeGroupMember(t.db, manager, { groupId: group.groupId, userId: a });
    expect(result.requeued).toHaveLength(1);
    expect((await holder(conversationId)).assigneeId).toBe(b);
    const [, requeue] = await eventsOf(conversationId);
    expect(requeue).toMatchObject({ kind: "requeue", from: a, reason: { policy: "member_removed" } });
  });

  it("a manager may keep them with the agent instead", async () => {
    const { a, manager, group, conversationId } = await setup();
    const result = await removeGroupMember(t.db, manager, { groupId: group.groupId, userId: a, conversations: "keep" });
    expect(result.requeued).toEqual([]);
    expect((await holder(conversationId)).assigneeId).toBe(a);
  });
});

describe("policy settings", () => {
  it("are validated (minutes 1–1,440), audited, and take effect at once", async () => {
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const [managerId] = await createAgents(t.db, 1, { role: "manager" });
    const manager = { id: managerId!, role: "manager" as const };
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 1, members: [a!] });
    for (const bad of [0, 1441, 2.5, "soon"]) {
      const error = await refused(updateGroupSettings(t.db, manager, { groupId: group.groupId, reassignNoReplyAfterMinutes: bad as number }));
      expect(error.fields).toEqual({ reassignNoReplyAfterMinutes: "groups.invalid.minutes" });
    }
    await updateGroupSettings(t.db, manager, {
      groupId: group.groupId,
      reassignAwayAfterMinutes: "1440",
      reassignNoReplyAfterMinutes: 1,
      stickyToLastAgent: true,
      allowTakeBeyondCap: false,
    } as never);
    const [audit] = await t.db.execute<{ changes: Record<string, unknown> }>(
      sql`SELECT changes FROM audit_log WHERE group_id = ${group.groupId} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.changes).toEqual({
      allowTakeBeyondCap: { from: true, to: false },
      reassignAwayAfterMinutes: { from: null, to: 1440 },
      reassignNoReplyAfterMinutes: { from: null, to: 1 },
      stickyToLastAgent: { from: false, to: true },
    });

    // A member's own cap, raised above the group's, drains the queue at once.
    await arrive(t.db, group);
    const waiting = (await arrive(t.db, group)).conversationId;
    expect((await holder(waiting)).status).toBe("queued");
    const raised = await setMemberCap(t.db, manager, { groupId: group.groupId, userId: a!, maxOpen: "2" });
    expect(raised.drained.changes.map((c) => c.conversationId)).toEqual([waiting]);
    const error = await refused(setMemberCap(t.db, manager, { groupId: group.groupId, userId: a!, maxOpen: 0 }));
    expect(error.fields).toEqual({ maxOpen: "groups.invalid.cap" });
  });
});
