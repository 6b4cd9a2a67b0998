// Before and after, what was in force, and policies counted (docs/behaviour.md#reports),
// over the hand-computed fixture of reports.test.ts plus a settings history: Vendas went
// from Balanced to Sequential at 12:00 of P, Financeiro from Balanced to Manual at 06:00,
// and requeues by each policy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import { parseSummaryParams, reportSummary } from "./index";
import { segmentsOf } from "./settings-history";
import { loadFixture, P, type Fixture } from "@/test/reports-fixtures";

let t: TestDatabase;
let f: Fixture;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await loadFixture(t.sql);
  const audit = (groupId: number, at: string, changes: object) =>
    t.sql`INSERT INTO audit_log (actor_id, entity, entity_id, group_id, action, changes, created_at)
          VALUES (${f.manager}, 'group', ${groupId}, ${groupId}, 'group.updated', ${JSON.stringify(changes)}::jsonb, ${at})`;
  await audit(f.vendas, "2026-01-09T15:00:00Z", { maxOpenPerAgent: { from: null, to: 5 } });
  await audit(f.financeiro, "2026-01-10T06:00:00Z", { strategy: { from: "balanced", to: "manual" } });
  await audit(f.vendas, "2026-01-10T12:00:00Z", { strategy: { from: "balanced", to: "sequential" }, stickyToLastAgent: { from: false, to: true } });
  await t.sql`UPDATE channel_groups SET strategy = 'sequential' WHERE id = ${f.vendas}`;
  // Requeues by each policy in P, one away before it; c2's requeue (no policy) is a person's return.
  const requeue = (at: string, reason: object | null) =>
    t.sql`INSERT INTO assignment_events (conversation_id, group_id, kind, from_user_id, reason, created_at)
          VALUES (${f.c.c2!}, ${f.vendas}, 'requeue', ${f.bruno}, ${reason === null ? null : JSON.stringify(reason)}::jsonb, ${at})`;
  await requeue("2026-01-10T03:00:00Z", { strategy: "balanced", policy: "away", minutes: 5 });
  await requeue("2026-01-10T04:00:00Z", { strategy: "balanced", policy: "away", minutes: 5 });
  await requeue("2026-01-10T05:00:00Z", { strategy: "balanced", policy: "no_reply", minutes: 10 });
  await requeue("2026-01-10T06:00:00Z", { strategy: "balanced", policy: "member_removed" });
  await requeue("2026-01-09T06:00:00Z", { strategy: "balanced", policy: "away", minutes: 5 });
});
afterAll(() => t.drop());

describe("what was in force", () => {
  it("fairness per stretch with the strategy then in force, labelled, and a group Manual now still shows", async () => {
    const s = await reportSummary(t.db, P);
    expect(s.fairness.map((g) => [g.groupId, g.strategy, g.from, g.to, g.spansChange, g.index, g.agents, g.autoAssigned])).toEqual([
      // Balanced until 06:00, Manual since: only its automatic stretch, nobody online in it.
      [f.financeiro, "balanced", "2026-01-10T00:00:00.000Z", "2026-01-10T06:00:00.000Z", true, null, 0, 0],
      [f.suporte, "sequential", "2026-01-10T00:00:00.000Z", "2026-01-11T00:00:00.000Z", false, null, 0, 0],
      // Ana 2 and Bruno 1 automatic while Balanced: (2 + 1)² / (2 × 5) = 0.9.
      [f.vendas, "balanced", "2026-01-10T00:00:00.000Z", "2026-01-10T12:00:00.000Z", true, 0.9, 2, 3],
      // From 12:00 Ana is paused, then offline; Bruno offline since 09:30.
      [f.vendas, "sequential", "2026-01-10T12:00:00.000Z", "2026-01-11T00:00:00.000Z", true, null, 0, 0],
    ]);
  });

  it("a period before the change is labelled with the strategy of then, not the current one", async () => {
    const s = await reportSummary(t.db, { from: P.from, to: new Date("2026-01-10T06:00:00Z"), groupId: f.vendas });
    expect(s.fairness.map((g) => [g.strategy, g.spansChange, g.index])).toEqual([["balanced", false, 0.9]]);
  });

  it("segments: a change to the same strategy or at the start does not split", () => {
    const group = { groupId: 1, groupName: "G", strategy: "sequential" as const, changes: [
      { at: "2026-01-10T00:00:00.000Z", from: "manual" as const, to: "balanced" as const },
      { at: "2026-01-10T05:00:00.000Z", from: "balanced" as const, to: "balanced" as const },
      { at: "2026-01-12T00:00:00.000Z", from: "balanced" as const, to: "sequential" as const },
    ] };
    expect(segmentsOf(group, P.from, P.to).map((s) => [s.strategy, s.from.toISOString(), s.to.toISOString()])).toEqual([
      ["balanced", "2026-01-10T00:00:00.000Z", "2026-01-11T00:00:00.000Z"],
    ]);
  });
});

describe("settings changes and requeues", () => {
  it("lists the groups' settings changes in the period: when, who, what", async () => {
    const s = await reportSummary(t.db, P);
    expect(s.settingsChanges).toEqual([
      { at: "2026-01-10T06:00:00.000Z", groupId: f.financeiro, groupName: "Financeiro R", by: { id: f.manager, name: "Manager" }, changes: { strategy: { from: "balanced", to: "manual" } } },
      {
        at: "2026-01-10T12:00:00.000Z",
        groupId: f.vendas,
        groupName: "Vendas R",
        by: { id: f.manager, name: "Manager" },
        changes: { strategy: { from: "balanced", to: "sequential" }, stickyToLastAgent: { from: false, to: true } },
      },
    ]);
    const suporte = await reportSummary(t.db, { ...P, groupId: f.suporte });
    expect(suporte.settingsChanges).toEqual([]);
    // With an agent: the changes of their groups (Ana is in Vendas only).
    const ana = await reportSummary(t.db, { ...P, agentId: f.ana });
    expect(ana.settingsChanges.map((c) => c.groupId)).toEqual([f.vendas]);
  });

  it("counts requeues by why, in the period, and per agent those taken from them", async () => {
    const s = await reportSummary(t.db, P);
    expect(s.requeues).toEqual({ away: 2, noReply: 1, returned: 1, removed: 1 });
    expect((await reportSummary(t.db, { ...P, agentId: f.ana })).requeues).toEqual({ away: 0, noReply: 0, returned: 0, removed: 0 });
    expect((await reportSummary(t.db, { ...P, agentId: f.bruno })).requeues).toEqual({ away: 2, noReply: 1, returned: 1, removed: 1 });
  });
});

describe("before and after", () => {
  it("previous: the same figures for the period just before, by default", async () => {
    const s = await reportSummary(t.db, P);
    expect(s.previous).toMatchObject({
      from: "2026-01-09T00:00:00.000Z",
      to: "2026-01-10T00:00:00.000Z",
      received: 1, // c5, ten seconds before P
      closed: 0,
      assigned: { auto: 0, self: 0, manager: 0, transfer: 0 },
      queueWaitSeconds: { median: null, p90: null, count: 0 },
      requeues: { away: 1, noReply: 0, returned: 0, removed: 0 },
      settingsChanges: [{ at: "2026-01-09T15:00:00.000Z", groupId: f.vendas, changes: { maxOpenPerAgent: { from: null, to: 5 } } }],
    });
    // Vendas was Balanced all that day (the change came later); Financeiro too.
    expect(s.previous.fairness.map((g) => [g.groupId, g.strategy, g.spansChange])).toEqual([
      [f.financeiro, "balanced", false],
      [f.suporte, "sequential", false],
      [f.vendas, "balanced", false],
    ]);
    // The keys the summary had keep their values.
    expect(s.received).toBe(6);
    expect(s.closed).toBe(3);
  });

  it("compares the equal periods either side of a marker, at any minute", async () => {
    const { filter, compare } = await parseSummaryParams(t.db, {
      from: "2026-01-10T12:00:00Z",
      to: "2026-01-10T15:37:00Z",
      compareFrom: "2026-01-10T08:23:00Z",
      compareTo: "2026-01-10T12:00:00Z",
      groupId: String(f.vendas),
    });
    const after = await reportSummary(t.db, filter, compare);
    expect(after.previous.from).toBe("2026-01-10T08:23:00.000Z");
    expect(after.fairness.map((g) => g.strategy)).toEqual(["sequential"]);
    expect(after.previous.fairness.map((g) => g.strategy)).toEqual(["balanced"]);
    expect(after.previous.requeues).toEqual({ away: 0, noReply: 0, returned: 0, removed: 0 });
    const before = await reportSummary(t.db, { ...filter, from: new Date("2026-01-10T00:00:00Z"), to: new Date("2026-01-10T12:00:00Z") });
    expect(before.requeues).toEqual({ away: 2, noReply: 1, returned: 1, removed: 1 });
  });

  it("refuses a compared period of another length, or half of one", async () => {
    const refusal = async (query: string) => {
      const error = await parseSummaryParams(t.db, new URLSearchParams(query)).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      return error as UserError;
    };
    const period = "from=2026-01-10T00:00:00Z&to=2026-01-11T00:00:00Z";
    expect((await refusal(`${period}&compareFrom=2026-01-01T00:00:00Z&compareTo=2026-01-03T00:00:00Z`)).fields).toHaveProperty("compareTo");
    expect((await refusal(`${period}&compareFrom=2026-01-01T00:00:00Z`)).fields).toHaveProperty("compareTo");
    expect((await refusal(`${period}&compareTo=2026-01-01T00:00:00Z`)).fields).toHaveProperty("compareFrom");
    expect((await refusal(`${period}&compareFrom=soon&compareTo=2026-01-01T00:00:00Z`)).fields).toHaveProperty("compareFrom");
    const { compare } = await parseSummaryParams(t.db, new URLSearchParams(period));
    expect(compare).toEqual({ from: new Date("2026-01-09T00:00:00Z"), to: P.from });
  });
});

describe("the time conversations waited with someone online", () => {
  it("is the part of each queue wait in which a member of the group was online: summed, counted, its median", async () => {
    // First assigned in P: c5 15 s, c1 30 s, c2 120 s, c3 600 s of Vendas, Ana online all along;
    // c6 of Suporte waited 40 s with Carla, who has no status history (offline): none.
    const s = await reportSummary(t.db, { ...P, groupId: f.vendas });
    expect(s.waitedWithSomeoneOnline).toEqual({ count: 4, totalSeconds: 765, medianSeconds: 75 });
    expect(s.previous.waitedWithSomeoneOnline).toEqual({ count: 0, totalSeconds: 0, medianSeconds: null });
    // Per agent, the conversations they now hold (as the queue wait counts them): c5, c1, c2.
    expect((await reportSummary(t.db, { ...P, agentId: f.ana })).waitedWithSomeoneOnline).toEqual({ count: 3, totalSeconds: 165, medianSeconds: 30 });
    expect((await reportSummary(t.db, { ...P, groupId: f.suporte })).waitedWithSomeoneOnline).toEqual({ count: 0, totalSeconds: 0, medianSeconds: null });
    // Over all groups it is not computed (its cost would take the summary past its target).
    const all = await reportSummary(t.db, P);
    expect([all.waitedWithSomeoneOnline, all.previous.waitedWithSomeoneOnline]).toEqual([null, null]);
  });

  it("counts only the stretches someone was online: a wait half covered counts its half", async () => {
    // Bruno online 01:30–09:30; a Suporte-like group whose only member is Bruno, a wait 01:00–02:00: 30 min.
    const [group] = await t.sql<{ id: number }[]>`INSERT INTO channel_groups (name, strategy) VALUES ('Half R', 'manual') RETURNING id`;
    await t.sql`INSERT INTO group_members (group_id, user_id) VALUES (${group!.id}, ${f.bruno})`;
    const [channel] = await t.sql<{ id: number }[]>`INSERT INTO channels (group_id, display_number, phone_number_id) VALUES (${group!.id}, '+55 11 5000-0099', 'r-half') RETURNING id`;
    const [contact] = await t.sql<{ id: number }[]>`INSERT INTO contacts (wa_id, profile_name) VALUES ('5511900009999', 'Half') RETURNING id`;
    const [conversation] = await t.sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, created_at)
      VALUES (${contact!.id}, ${channel!.id}, ${group!.id}, 'assigned', ${f.bruno}, '2026-01-10T01:00:00Z', '2026-01-10T01:00:00Z') RETURNING id`;
    await t.sql`INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, to_user_id, created_at)
                VALUES (${conversation!.id}, ${group!.id}, 'self', ${f.bruno}, ${f.bruno}, '2026-01-10T02:00:00Z')`;
    const s = await reportSummary(t.db, { ...P, groupId: group!.id });
    expect(s.waitedWithSomeoneOnline).toEqual({ count: 1, totalSeconds: 1800, medianSeconds: 1800 });
  });

  it("adds up several stretches across a wait, and leaves out the gaps between them", async () => {
    // Dora online 14:00–14:10 and 14:20–14:30; a wait 13:55–14:40 is 20 minutes with someone online.
    const [dora] = await t.sql<{ id: number }[]>`INSERT INTO users (name, email, password_hash, role) VALUES ('Dora', 'dora@r.test', 'x', 'agent') RETURNING id`;
    const [group] = await t.sql<{ id: number }[]>`INSERT INTO channel_groups (name, strategy) VALUES ('Gaps R', 'manual') RETURNING id`;
    await t.sql`INSERT INTO group_members (group_id, user_id) VALUES (${group!.id}, ${dora!.id})`;
    for (const [status, at] of [["online", "14:00"], ["offline", "14:10"], ["online", "14:20"], ["offline", "14:30"]]) {
      await t.sql`INSERT INTO agent_status_history (user_id, status, source, changed_at) VALUES (${dora!.id}, ${status!}, 'agent', ${`2026-01-10T${at}:00Z`})`;
    }
    const [channel] = await t.sql<{ id: number }[]>`INSERT INTO channels (group_id, display_number, phone_number_id) VALUES (${group!.id}, '+55 11 5000-0098', 'r-gaps') RETURNING id`;
    const [contact] = await t.sql<{ id: number }[]>`INSERT INTO contacts (wa_id, profile_name) VALUES ('5511900009998', 'Gaps') RETURNING id`;
    const [conversation] = await t.sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, created_at)
      VALUES (${contact!.id}, ${channel!.id}, ${group!.id}, 'assigned', ${dora!.id}, '2026-01-10T13:55:00Z', '2026-01-10T13:55:00Z') RETURNING id`;
    await t.sql`INSERT INTO assignment_events (conversation_id, group_id, kind, actor_id, to_user_id, created_at)
                VALUES (${conversation!.id}, ${group!.id}, 'self', ${dora!.id}, ${dora!.id}, '2026-01-10T14:40:00Z')`;
    const s = await reportSummary(t.db, { ...P, groupId: group!.id });
    expect(s.waitedWithSomeoneOnline).toEqual({ count: 1, totalSeconds: 1200, medianSeconds: 1200 });
  });
});
