// Reopening a closed conversation (docs/behaviour.md#the-inbox): it becomes the reopener's,
// with an event that says so; who may reopen is checked against the locked row; a contact
// with a newer open conversation on the number keeps that one, and this one stays closed.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { auditDatabase } from "@/test/distribution-audit";
import { createAgents, insertQueuedConversation, insertReturningConversation, insertTestGroup } from "@/test/distribution-fixtures";
import { closeConversation, reopenConversation, takeConversation } from "./index";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  expect(await auditDatabase(t.db)).toEqual([]);
  await t.drop();
});

const stateOf = async (id: number) =>
  (
    await t.db.execute<{ status: string; assigneeId: number | null; closedAt: string | null }>(
      sql`SELECT status, assignee_id AS "assigneeId", closed_at::text AS "closedAt" FROM conversations WHERE id = ${id}`,
    )
  )[0]!;

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code);

async function closedConversation() {
  const [ana, bia] = await createAgents(t.db, 2, { status: "online" });
  const group = await insertTestGroup(t.db, { strategy: "manual", members: [ana!, bia!] });
  const id = await insertQueuedConversation(t.db, group);
  await takeConversation(t.db, { agentId: ana!, conversationId: id });
  await closeConversation(t.db, { actorId: ana!, conversationId: id });
  return { ana: ana!, bia: bia!, group, id };
}

describe("reopening a closed conversation", () => {
  it("gives it to the member who reopens it, open again, with an event that says so", async () => {
    const { bia, id } = await closedConversation();
    const result = await reopenConversation(t.db, { actorId: bia, conversationId: id });
    expect(result.changes).toEqual([expect.objectContaining({ conversationId: id, status: "assigned", to: bia, kind: "self", actorId: bia })]);
    expect(await stateOf(id)).toEqual({ status: "assigned", assigneeId: bia, closedAt: null });
    const [event] = await t.db.execute<{ kind: string; policy: string }>(
      sql`SELECT kind, reason->>'policy' AS policy FROM assignment_events WHERE conversation_id = ${id} ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ kind: "self", policy: "reopened" });
  });

  it("a manager may reopen one of any group; someone of another group, or inactive, may not, and nothing changes", async () => {
    const { id } = await closedConversation();
    const [stranger] = await createAgents(t.db, 1, { status: "online" });
    const [gone] = await createAgents(t.db, 1, { active: false });
    const [manager] = await createAgents(t.db, 1, { role: "manager" });
    const before = await stateOf(id);
    expect(await refusal(reopenConversation(t.db, { actorId: stranger!, conversationId: id }))).toBe("forbidden");
    expect(await refusal(reopenConversation(t.db, { actorId: gone!, conversationId: id }))).toBe("forbidden");
    expect(await stateOf(id)).toEqual(before);
    await reopenConversation(t.db, { actorId: manager!, conversationId: id });
    expect(await stateOf(id)).toMatchObject({ status: "assigned", assigneeId: manager });
  });

  it("refuses one that is open, one that does not exist, and one whose contact has a newer open conversation", async () => {
    const { ana, group, id } = await closedConversation();
    const newer = await insertReturningConversation(t.db, group, id);
    expect(await refusal(reopenConversation(t.db, { actorId: ana, conversationId: id }))).toBe("already_open");
    expect(await stateOf(id)).toMatchObject({ status: "closed", assigneeId: ana });
    expect(await refusal(reopenConversation(t.db, { actorId: ana, conversationId: newer }))).toBe("conflict");
    expect(await refusal(reopenConversation(t.db, { actorId: ana, conversationId: 999_999 }))).toBe("not_found");
  });

  it("two members reopening it at once: one has it, the other is told it is open", async () => {
    const { ana, bia, id } = await closedConversation();
    const outcomes = await Promise.all([ana, bia].map((actorId) => refusal(reopenConversation(t.db, { actorId, conversationId: id }))));
    expect(outcomes.sort()).toEqual(["conflict", null].sort());
    const after = await stateOf(id);
    expect(after.status).toBe("assigned");
    expect([ana, bia]).toContain(after.assigneeId);
  });
});
