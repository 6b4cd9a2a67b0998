// The thread's assignment events and the "Why <agent>?" decision: everyone who may see
// the conversation reads its events; only managers read the decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transferConversation } from "@/lib/distribution";
import { UserError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { arrive, createAgents, insertTestGroup } from "@/test/distribution-fixtures";
import { readActivity } from "./inbox-reads";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("readActivity", () => {
  it("gives members the events in order, and managers also the latest automatic decision with names and reasons", async () => {
    const [a, b, c] = await createAgents(t.db, 3, { status: "online" });
    const [managerId, outsider] = await Promise.all([createAgents(t.db, 1, { role: "manager" }), createAgents(t.db, 1)]);
    const group = await insertTestGroup(t.db, { strategy: "sequential", members: [a!, b!, c!] });
    const { conversationId } = await arrive(t.db, group);
    await transferConversation(t.db, { actorId: a!, conversationId, to: "queue" });

    const asAgent = await readActivity(t.db, { id: c!, role: "agent" }, String(conversationId));
    expect(asAgent.decision).toBeNull();
    expect(asAgent.events.map((e) => [e.kind, e.actor?.id ?? null, e.from?.id ?? null, e.to?.id ?? null])).toEqual([
      ["auto", null, null, a],
      ["requeue", a, a, null],
      ["auto", null, null, b],
    ]);

    const asManager = await readActivity(t.db, { id: managerId[0]!, role: "manager" }, conversationId);
    expect(asManager.decision).toMatchObject({ strategy: "sequential", winner: { id: b }, policy: null, sticky: null });
    expect(asManager.decision!.winner.name).toMatch(/^Agent /);
    expect(asManager.decision!.candidates.map((x) => [x.userId, x.eligible, x.whyCode])).toEqual([
      [a, false, "returned"],
      [b, true, null],
      [c, true, null],
    ]);

    const refused = await readActivity(t.db, { id: outsider[0]!, role: "agent" }, conversationId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe("forbidden");
  });
});
