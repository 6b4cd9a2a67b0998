// Service levels (docs/behaviour.md#service-levels) on real PostgreSQL: the group's
// targets, the due times and `sla` of a conversation as time passes, its priority and who
// may set it, and the queue's order (the list agents see and the drain's decisions).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { readBoard } from "@/lib/board";
import { setAgentStatus } from "@/lib/distribution";
import { updateGroupSettings } from "@/lib/groups";
import { readConversation, readInbox } from "@/lib/inbox/inbox-reads";
import { createAgents, insertQueuedConversation, insertTestGroup } from "@/test/distribution-fixtures";
import { expectRefusedUnchanged } from "@/test/groups-fixtures";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { recordBreaches } from "./breaches";
import { readServiceLevelHitRate } from "./hit-rate";
import { setConversationPriority } from "./set-priority";

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase();
  const [id] = await createAgents(t.db, 1, { role: "manager" });
  manager = { id: id!, role: "manager" };
});
afterAll(() => t.drop());

const agent = (id: number): Actor => ({ id, role: "agent" });

/** Simulated time: the conversation was created `minutes` earlier (its due times move with it). */
async function age(conversationId: number, minutes: number) {
  await t.db.execute(sql`
    UPDATE conversations SET created_at = created_at - make_interval(secs => ${minutes * 60}),
           first_response_due_at = first_response_due_at - make_interval(secs => ${minutes * 60}),
           resolution_due_at = resolution_due_at - make_interval(secs => ${minutes * 60})
     WHERE id = ${conversationId}`);
}

describe("targets", () => {
  it("are group settings, audited, null = off; bad values are refused and change nothing", async () => {
    const group = await insertTestGroup(t.db, { members: [] });
    const result = await updateGroupSettings(t.db, manager, { groupId: group.groupId, firstResponseTargetMinutes: 10, resolutionTargetMinutes: "120" });
    expect(result.changes).toEqual({ firstResponseTargetMinutes: { from: null, to: 10 }, resolutionTargetMinutes: { from: null, to: 120 } });
    const [audit] = await t.db.execute<{ changes: unknown }>(sql`SELECT changes FROM audit_log WHERE group_id = ${group.groupId} ORDER BY id DESC LIMIT 1`);
    expect(audit!.changes).toEqual(result.changes);

    for (const bad of [0, -1, 43201, 1.5, "1e3", "ten"]) {
      const error = await expectRefusedUnchanged(t.db, "invalid_input", () =>
        updateGroupSettings(t.db, manager, { groupId: group.groupId, firstResponseTargetMinutes: bad as number }),
      );
      expect(error.fields).toEqual({ firstResponseTargetMinutes: "groups.invalid.targetMinutes" });
    }
    await expectRefusedUnchanged(t.db, "forbidden", () => updateGroupSettings(t.db, agent(manager.id + 100000), { groupId: group.groupId, resolutionTargetMinutes: 5 }));

    const off = await updateGroupSettings(t.db, manager, { groupId: group.groupId, resolutionTargetMinutes: "" });
    expect(off.changes).toEqual({ resolutionTargetMinutes: { from: 120, to: null } });
  });

  it("give each new conversation its due times, and `sla` turns at risk at 80% and overdue after, on the database's clock", async () => {
    const [a] = await createAgents(t.db, 1);
    const group = await insertTestGroup(t.db, { members: [a!] });
    await updateGroupSettings(t.db, manager, { groupId: group.groupId, firstResponseTargetMinutes: 10, resolutionTargetMinutes: 100 });
    const id = await insertQueuedConversation(t.db, group);

    const fresh = await readConversation(t.db, manager, id);
    expect(Date.parse(fresh.firstResponseDueAt!) - Date.parse(fresh.createdAt)).toBe(10 * 60_000);
    expect(Date.parse(fresh.resolutionDueAt!) - Date.parse(fresh.createdAt)).toBe(100 * 60_000);
    expect(fresh.priority).toBe("normal");
    expect(fresh.sla).toBe("on_track");

    await age(id, 7.9);
    expect((await readConversation(t.db, manager, id)).sla).toBe("on_track");
    await age(id, 0.2); // 8.1 of 10 minutes
    expect((await readConversation(t.db, manager, id)).sla).toBe("at_risk");
    // The board reads again when a count next changes by time alone: here the first-response due time.
    const atRisk = await readConversation(t.db, manager, id);
    expect((await readBoard(t.db, manager, { groupId: group.groupId })).groups[0]).toMatchObject({
      slaAtRisk: 1,
      slaOverdue: 0,
      slaNextChangeAt: atRisk.firstResponseDueAt,
    });
    await age(id, 2); // 10.1
    const overdue = await readConversation(t.db, manager, id);
    expect(overdue.sla).toBe("overdue");
    // Next: the resolution target reaching 80% (80 of 100 minutes).
    const resolutionAtRisk = new Date(Date.parse(overdue.resolutionDueAt!) - 20 * 60_000).toISOString();
    expect((await readBoard(t.db, manager, { groupId: group.groupId })).groups[0]).toMatchObject({
      slaAtRisk: 0,
      slaOverdue: 1,
      slaNextChangeAt: resolutionAtRisk,
    });

    // Answered: the first-response target is met; the resolution target (10.1 of 100) is on track.
    await t.db.execute(sql`UPDATE conversations SET first_response_at = now() WHERE id = ${id}`);
    expect((await readConversation(t.db, manager, id)).sla).toBe("on_track");
    await t.db.execute(sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${id}`);
    expect((await readConversation(t.db, manager, id)).sla).toBeNull();

    // A group without targets: no due times, no sla.
    const plain = await insertTestGroup(t.db, { members: [] });
    const other = await readConversation(t.db, manager, await insertQueuedConversation(t.db, plain));
    expect([other.firstResponseDueAt, other.resolutionDueAt, other.sla]).toEqual([null, null, null]);
  });
});

describe("priority", () => {
  it("is set by a member while queued, the assignee or a manager; others are refused and nothing changes", async () => {
    const [member, outsider, assignee] = await createAgents(t.db, 3);
    const group = await insertTestGroup(t.db, { members: [member!, assignee!] });
    const elsewhere = await insertTestGroup(t.db, { members: [outsider!] });
    const id = await insertQueuedConversation(t.db, group);

    await expectRefusedUnchanged(t.db, "forbidden", () => setConversationPriority(t.db, agent(outsider!), { conversationId: id, priority: "urgent" }));
    await expectRefusedUnchanged(t.db, "not_found", () => setConversationPriority(t.db, agent(outsider!), { conversationId: 2_000_000, priority: "urgent" }));
    await expectRefusedUnchanged(t.db, "invalid_input", () => setConversationPriority(t.db, manager, { conversationId: id, priority: "critical" as "urgent" }));
    expect(elsewhere.groupId).not.toBe(group.groupId);

    expect((await setConversationPriority(t.db, agent(member!), { conversationId: id, priority: "high" })).changed).toBe(true);
    expect((await readConversation(t.db, manager, id)).priority).toBe("high");

    await t.db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${assignee!} WHERE id = ${id}`);
    // Once someone has it, only they (or a manager) may.
    await expectRefusedUnchanged(t.db, "forbidden", () => setConversationPriority(t.db, agent(member!), { conversationId: id, priority: "low" }));
    await setConversationPriority(t.db, agent(assignee!), { conversationId: id, priority: "urgent" });
    await setConversationPriority(t.db, manager, { conversationId: id, priority: "low" });
    expect((await readConversation(t.db, manager, id)).priority).toBe("low");

    await t.db.execute(sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${id}`);
    await expectRefusedUnchanged(t.db, "conflict", () => setConversationPriority(t.db, manager, { conversationId: id, priority: "high" }));
  });
});

describe("the queue's order", () => {
  it("lists priority first, then due time, then arrival, page after page", async () => {
    const [a] = await createAgents(t.db, 1);
    const group = await insertTestGroup(t.db, { members: [a!] });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertQueuedConversation(t.db, group));
    const [oldNormal, lateUrgent, low, dueSoon, last] = ids as [number, number, number, number, number];
    await setConversationPriority(t.db, manager, { conversationId: lateUrgent, priority: "urgent" });
    await setConversationPriority(t.db, manager, { conversationId: low, priority: "low" });
    // A due time (set in the group after the others arrived) puts it ahead of older normal ones without one.
    await t.db.execute(sql`UPDATE conversations SET first_response_due_at = now() + interval '5 minutes' WHERE id = ${dueSoon}`);
    const expected = [lateUrgent, dueSoon, oldNormal, last, low];

    const whole = await readInbox(t.db, agent(a!), { tab: "queue", groupId: String(group.groupId) });
    expect(whole.items.map((c) => c.id)).toEqual(expected);
    expect(whole.items[0]!.priority).toBe("urgent");

    const paged: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await readInbox(t.db, agent(a!), { tab: "queue", groupId: String(group.groupId), limit: "2", ...(cursor && { cursor }) });
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(expected);
  });

  it("drains higher priority first, and the decision's reason says so", async () => {
    const [a] = await createAgents(t.db, 1, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 1, members: [a!] });
    const older = await insertQueuedConversation(t.db, group);
    const urgent = await insertQueuedConversation(t.db, group);
    await setConversationPriority(t.db, manager, { conversationId: urgent, priority: "urgent" });

    const online = await setAgentStatus(t.db, { userId: a!, status: "online" });
    expect(online.changes.map((c) => c.conversationId)).toEqual([urgent]);
    const [event] = await t.db.execute<{ reason: { priority?: string } }>(
      sql`SELECT reason FROM assignment_events WHERE conversation_id = ${urgent} AND kind = 'auto'`,
    );
    expect(event!.reason.priority).toBe("urgent");
    const [waiting] = await t.db.execute<{ status: string }>(sql`SELECT status FROM conversations WHERE id = ${older}`);
    expect(waiting!.status).toBe("queued");
  });
});

describe("breaches", () => {
  it("are marked once per target by the sweep, with one sla.breached webhook each for the endpoints that subscribe", async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, manager, { url: "http://127.0.0.1:9/sla", secret: "s".repeat(32), events: ["sla.breached"] });
    const group = await insertTestGroup(t.db, { members: [] });
    await updateGroupSettings(t.db, manager, { groupId: group.groupId, firstResponseTargetMinutes: 5, resolutionTargetMinutes: 60 });
    const late = await insertQueuedConversation(t.db, group);
    const onTime = await insertQueuedConversation(t.db, group);
    await age(late, 6);

    const first = await recordBreaches(t.db);
    expect(first.filter((b) => b.groupId === group.groupId)).toEqual([
      { conversationId: late, groupId: group.groupId, assigneeId: null, target: "first_response", dueAt: expect.any(String) },
    ]);
    expect(await recordBreaches(t.db)).toEqual([]);

    await age(late, 60);
    await age(onTime, 61);
    const second = await recordBreaches(t.db);
    expect(second.map((b) => [b.conversationId, b.target])).toEqual([
      [late, "resolution"],
      [onTime, "first_response"],
      [onTime, "resolution"],
    ]);
    const deliveries = await t.db.execute<{ payload: { event: string; data: { conversationId: number; target: string } } }>(
      sql`SELECT payload FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id} ORDER BY id`,
    );
    expect(deliveries.map((d) => [d.payload.event, d.payload.data.conversationId, d.payload.data.target])).toEqual([
      ["sla.breached", late, "first_response"],
      ["sla.breached", late, "resolution"],
      ["sla.breached", onTime, "first_response"],
      ["sla.breached", onTime, "resolution"],
    ]);
  });
});

describe("hit rate", () => {
  it("counts each decided target per group, met or missed, and leaves the running ones out", async () => {
    const group = await insertTestGroup(t.db, { members: [] });
    await updateGroupSettings(t.db, manager, { groupId: group.groupId, firstResponseTargetMinutes: 10, resolutionTargetMinutes: 60 });
    const [met, missed, running] = [await insertQueuedConversation(t.db, group), await insertQueuedConversation(t.db, group), await insertQueuedConversation(t.db, group)];
    await t.db.execute(sql`UPDATE conversations SET first_response_at = created_at + interval '5 minutes', status = 'closed', closed_at = created_at + interval '30 minutes' WHERE id = ${met}`);
    await age(missed, 70);
    await t.db.execute(sql`UPDATE conversations SET first_response_at = created_at + interval '15 minutes' WHERE id = ${missed}`);
    expect(running).toBeGreaterThan(missed);

    const from = new Date(Date.now() - 3 * 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const { groups } = await readServiceLevelHitRate(t.db, manager, { from, to, groupId: String(group.groupId) });
    expect(groups).toEqual([
      { groupId: group.groupId, groupName: expect.any(String), firstResponse: { met: 1, missed: 1, rate: 0.5 }, resolution: { met: 1, missed: 1, rate: 0.5 } },
    ]);
    await expectRefusedUnchanged(t.db, "forbidden", () => readServiceLevelHitRate(t.db, agent(manager.id), { from, to }));
  });
});
