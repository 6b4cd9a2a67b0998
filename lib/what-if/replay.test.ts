// Properties of the what-if replay over generated histories (docs/what-if.md#guarantees).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOpenAt } from "@/lib/routing/business-hours";
import { answerWhatIf } from "./answer";
import type { History, HistoryConversation, HistoryMember, ReplaySettings } from "./history";
import { replay } from "./replay";

const FROM = Date.UTC(2026, 10, 2, 0, 0, 0); // a Monday
const DAY = 86_400_000;
const MIN = 60_000;

const settingsArb: fc.Arbitrary<ReplaySettings> = fc.record({
  strategy: fc.constantFrom("manual", "balanced", "sequential"),
  onlineOnly: fc.boolean(),
  maxOpenPerAgent: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  stickyToLastAgent: fc.boolean(),
  allowTakeBeyondCap: fc.boolean(),
  reassignAwayAfterMinutes: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
  reassignNoReplyAfterMinutes: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  firstResponseTargetMinutes: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  businessHours: fc.option(
    fc.record({
      timeZone: fc.constantFrom("UTC", "America/Sao_Paulo"),
      intervals: fc.array(
        fc.record({ day: fc.integer({ min: 0, max: 6 }), start: fc.constantFrom("08:00", "13:00"), end: fc.constantFrom("12:00", "18:00", "24:00") }),
        { maxLength: 6 },
      ),
      holidays: fc.constant([] as string[]),
    }),
    { nil: null },
  ),
});

const memberArb = (userId: number): fc.Arbitrary<HistoryMember> =>
  fc
    .record({
      status: fc.constantFrom("online", "paused", "offline"),
      ownCap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      changes: fc.array(fc.record({ atMs: fc.integer({ min: FROM, max: FROM + 2 * DAY - 1 }), status: fc.constantFrom("online", "paused", "offline") }), { maxLength: 8 }),
    })
    .map(({ status, ownCap, changes }) => ({
      userId,
      name: `Agent ${userId}`,
      ownCap,
      status: status as HistoryMember["status"],
      availableSinceMs: FROM - userId * MIN,
      awaySinceMs: status === "online" ? null : FROM - DAY,
      lastAutoAssignedAtMs: null,
      changes: changes.sort((a, b) => a.atMs - b.atMs) as HistoryMember["changes"],
    }));

const historyArb: fc.Arbitrary<History> = fc
  .record({
    agents: fc.integer({ min: 0, max: 5 }),
    settings: settingsArb,
    conversations: fc.array(
      fc.record({
        queuedAt: fc.integer({ min: FROM, max: FROM + 2 * DAY - 1 }),
        contactId: fc.integer({ min: 1, max: 8 }),
        handled: fc.option(fc.integer({ min: 1, max: 180 * MIN }), { nil: null }),
        waited: fc.integer({ min: 0, max: 60 * MIN }),
        reply: fc.option(fc.integer({ min: 0, max: 90 * MIN }), { nil: null }),
        assignee: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 60 },
    ),
    background: fc.array(fc.record({ atMs: fc.integer({ min: FROM, max: FROM + 2 * DAY - 1 }), user: fc.integer({ min: 1, max: 5 }) }), { maxLength: 6 }),
    takeDelayMs: fc.option(fc.integer({ min: 0, max: 30 * MIN }), { nil: null }),
  })
  .chain(({ agents, settings, conversations, background, takeDelayMs }) =>
    fc.tuple(...Array.from({ length: agents }, (_, i) => memberArb(i + 1))).map((members): History => {
      const list: HistoryConversation[] = conversations
        .map((c, i) => {
          const assigned = c.handled !== null && c.assignee <= agents ? c.queuedAt + c.waited : null;
          return {
            id: i + 1,
            contactId: c.contactId,
            queuedAtMs: c.queuedAt,
            closedAtMs: c.handled === null ? null : c.queuedAt + c.waited + c.handled,
            realAssigneeId: assigned === null ? null : c.assignee,
            realAssignedAtMs: assigned,
            realAuto: true,
            responseDelayMs: c.reply,
          };
        })
        .sort((a, b) => a.queuedAtMs - b.queuedAtMs || a.id - b.id);
      const loadChanges = background
        .filter((b) => b.user <= agents)
        .flatMap((b) => [
          { atMs: b.atMs, userId: b.user, delta: 1 as const },
          { atMs: b.atMs + 30 * MIN, userId: b.user, delta: -1 as const },
        ])
        .sort((a, b) => a.atMs - b.atMs);
      return {
        groupId: 1,
        fromMs: FROM,
        toMs: FROM + 2 * DAY,
        settings,
        members,
        conversations: list,
        initialLoad: {},
        loadChanges,
        lastAgentByContact: {},
        takeDelayMs,
      };
    }),
  );

describe("what-if replay", () => {
  it("conserves conversations: Σ perAgent + unassigned = conversations, in both columns", () => {
    fc.assert(
      fc.property(historyArb, settingsArb, (history, proposed) => {
        const answer = answerWhatIf(history, proposed);
        for (const f of [answer.current, answer.proposed]) {
          expect(f.perAgent.reduce((sum, a) => sum + a.conversations, 0) + f.unassigned).toBe(answer.conversations);
        }
        expect(answer.conversations).toBe(history.conversations.length);
      }),
      { numRuns: 150 },
    );
  });

  it("is deterministic: the same call gives the same answer", () => {
    fc.assert(
      fc.property(historyArb, settingsArb, (history, proposed) => {
        expect(JSON.stringify(answerWhatIf(history, proposed, { compareStrategies: true }))).toBe(
          JSON.stringify(answerWhatIf(structuredClone(history), { ...proposed }, { compareStrategies: true })),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("never assigns automatically past a cap, nor to anyone offline when online-only", () => {
    fc.assert(
      fc.property(historyArb, settingsArb, (history, settings) => {
        const result = replay(history, settings);
        for (const a of result.assignments) {
          if (a.kind === "auto" || !settings.allowTakeBeyondCap) {
            if (a.cap !== null) expect(a.loadBefore).toBeLessThan(a.cap);
          }
          if (a.kind === "self" || settings.onlineOnly) expect(a.status).toBe("online");
        }
        if (settings.strategy === "manual") expect(result.assignments.every((a) => a.kind === "self")).toBe(true);
        else expect(result.assignments.every((a) => a.kind === "auto")).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("never assigns automatically while the group is closed", () => {
    fc.assert(
      fc.property(historyArb, settingsArb, (history, settings) => {
        const result = replay(history, settings);
        for (const a of result.assignments) {
          if (a.kind === "auto") expect(isOpenAt(settings.businessHours, new Date(a.atMs))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("with online agents and no cap, a balanced group leaves nothing waiting and spreads arrivals evenly", () => {
    const members: HistoryMember[] = [1, 2, 3].map((userId) => ({
      userId,
      name: `A${userId}`,
      ownCap: null,
      status: "online",
      availableSinceMs: FROM - userId,
      awaySinceMs: null,
      lastAutoAssignedAtMs: null,
      changes: [],
    }));
    const conversations: HistoryConversation[] = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      contactId: i + 1,
      queuedAtMs: FROM + i * MIN,
      closedAtMs: null,
      realAssigneeId: null,
      realAssignedAtMs: null,
      realAuto: false,
      responseDelayMs: 0,
    }));
    const settings: ReplaySettings = {
      strategy: "balanced",
      onlineOnly: true,
      maxOpenPerAgent: null,
      stickyToLastAgent: false,
      allowTakeBeyondCap: true,
      reassignAwayAfterMinutes: null,
      reassignNoReplyAfterMinutes: null,
      businessHours: null,
      firstResponseTargetMinutes: null,
    };
    const history: History = { groupId: 1, fromMs: FROM, toMs: FROM + DAY, settings, members, conversations, initialLoad: {}, loadChanges: [], lastAgentByContact: {}, takeDelayMs: null };
    const answer = answerWhatIf(history, { maxOpenPerAgent: 5 });
    expect(answer.current.perAgent.map((a) => a.conversations)).toEqual([10, 10, 10]);
    expect(answer.current.queueWaitSeconds.max).toBe(0);
    // A cap of 5 with 30 open conversations: 15 go out, 15 wait until the end.
    expect(answer.proposed.unassigned).toBe(15);
    expect(answer.proposed.perAgent.every((a) => a.peakOpen === 5)).toBe(true);
    expect(answer.calibration.enoughHistory).toBe(true);
    expect(answer.proposed.overTargetShare).toBe(0.5);
    // No target set: waits over 5 minutes count, and the answer says so.
    expect(answer.assumptions.filter((a) => a.code.startsWith("target"))).toEqual([expect.objectContaining({ code: "targetDefault", values: { minutes: 5 } })]);

    // A proposed target of its own is the one the proposed side counts against, named as the group's.
    const withTarget = answerWhatIf(history, { maxOpenPerAgent: 5, firstResponseTargetMinutes: 2 });
    expect(withTarget.proposed.settings.firstResponseTargetMinutes).toBe(2);
    expect(withTarget.assumptions.filter((a) => a.code.startsWith("target")).map((a) => [a.code, a.values])).toEqual([
      ["targetDefault", { minutes: 5 }],
      ["target", { minutes: 2 }],
    ]);
  });

  it("says when there is too little history", () => {
    const history: History = {
      groupId: 1,
      fromMs: FROM,
      toMs: FROM + DAY,
      settings: { strategy: "balanced", onlineOnly: true, maxOpenPerAgent: null, stickyToLastAgent: false, allowTakeBeyondCap: true, reassignAwayAfterMinutes: null, reassignNoReplyAfterMinutes: null, businessHours: null, firstResponseTargetMinutes: null },
      members: [],
      conversations: [],
      initialLoad: {},
      loadChanges: [],
      lastAgentByContact: {},
      takeDelayMs: null,
    };
    const answer = answerWhatIf(history, {});
    expect(answer.calibration.enoughHistory).toBe(false);
    expect(answer.conversations).toBe(0);
  });
});
