// Nobody waits without a reason shown (docs/behaviour.md#nobody-waits-without-a-reason):
// the reason is the engine's own eligibility over the decision's facts, on the
// conversation, its row, the board and the API.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusinessHours } from "@/db/schema";
import { readBoard } from "@/lib/board/read-board";
import { readConversation, readInbox } from "@/lib/inbox/inbox-reads";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { arrive, createAgents, insertTestGroup } from "@/test/distribution-fixtures";
import type { AgentFacts, GroupRules } from "./choose-agent";
import { setAgentStatus } from "./index";
import { waitingReasonOf } from "./waiting-reason";

const agent = (userId: number, overrides: Partial<AgentFacts> = {}): AgentFacts => ({
  userId,
  active: true,
  status: "online",
  load: 0,
  availableSince: "2025-03-01T12:00:00.000000Z",
  lastAutoAssignedAt: null,
  ...overrides,
});
const balanced: GroupRules = { strategy: "balanced", onlineOnly: true, maxOpenPerAgent: 2, open: true };

describe("waitingReasonOf", () => {
  it("names what holds a queued conversation, in the order that decides", () => {
    expect(waitingReasonOf("routing", balanced, [agent(1)])).toBe("routing");
    expect(waitingReasonOf("queued", { ...balanced, open: false }, [agent(1)])).toBe("outside_hours");
    expect(waitingReasonOf("queued", { ...balanced, strategy: "manual" }, [agent(1)])).toBe("manual");
    expect(waitingReasonOf("queued", balanced, [agent(1, { status: "offline" }), agent(2, { status: "paused" })])).toBe("nobody_online");
    expect(waitingReasonOf("queued", balanced, [])).toBe("nobody_online");
    expect(waitingReasonOf("queued", balanced, [agent(1, { load: 2 }), agent(2, { status: "offline" })])).toBe("all_at_cap");
    expect(waitingReasonOf("queued", balanced, [agent(1, { load: 5, ownCap: 5 })])).toBe("all_at_cap");
    expect(waitingReasonOf("queued", balanced, [agent(1, { active: false })])).toBe("nobody_online");
  });

  it("is null once someone has it, and for a queued one the next decision would assign", () => {
    expect(waitingReasonOf("assigned", balanced, [])).toBeNull();
    expect(waitingReasonOf("closed", balanced, [])).toBeNull();
    expect(waitingReasonOf("queued", balanced, [agent(1, { load: 1 })])).toBeNull();
  });
});

describe("on the conversation, its row, the board and the API", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("nobody online, then everyone at their cap, then nothing once assigned", async () => {
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    const viewer = { id: manager!, role: "manager" as const };
    const [a] = await createAgents(t.db, 1, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 1, members: [a!] });
    const first = await arrive(t.db, group);
    expect((await readConversation(t.db, viewer, first.conversationId)).waitingReason).toBe("nobody_online");
    const row = (await readInbox(t.db, viewer, { tab: "all", status: "queued" })).items.find((i) => i.id === first.conversationId);
    expect(row?.waitingReason).toBe("nobody_online");
    const board = await readBoard(t.db, viewer, { groupId: group.groupId });
    expect(board.groups[0]).toMatchObject({ queueLength: 1, waitingReason: "nobody_online" });

    await setAgentStatus(t.db, { userId: a!, status: "online" });
    expect((await readConversation(t.db, viewer, first.conversationId)).waitingReason).toBeNull();
    const second = await arrive(t.db, group);
    expect((await readConversation(t.db, viewer, second.conversationId)).waitingReason).toBe("all_at_cap");
    expect((await readBoard(t.db, viewer, { groupId: group.groupId })).groups[0]).toMatchObject({ queueLength: 1, waitingReason: "all_at_cap" });
  });

  it("manual and outside business hours", async () => {
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    const viewer = { id: manager!, role: "manager" as const };
    const [a] = await createAgents(t.db, 1, { status: "online" });
    const manual = await insertTestGroup(t.db, { strategy: "manual", members: [a!] });
    const waiting = await arrive(t.db, manual);
    expect((await readConversation(t.db, viewer, waiting.conversationId)).waitingReason).toBe("manual");

    const closed = await insertTestGroup(t.db, { strategy: "balanced", members: [] });
    const closedNow: BusinessHours = { timeZone: "UTC", intervals: [{ day: (new Date().getUTCDay() + 3) % 7, start: "09:00", end: "10:00" }], holidays: [] };
    await t.db.execute(sql`UPDATE channel_groups SET business_hours = ${JSON.stringify(closedNow)}::jsonb WHERE id = ${closed.groupId}`);
    const later = await arrive(t.db, closed);
    expect((await readConversation(t.db, viewer, later.conversationId)).waitingReason).toBe("outside_hours");
  });
});
