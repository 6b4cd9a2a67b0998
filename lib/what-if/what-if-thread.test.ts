// The what-if replay off the request thread (what-if-thread.ts): while a long replay runs
// in its thread, a live decision on the main thread completes; a second what-if on the
// instance meanwhile is refused `busy` (429) and reads nothing; the thread's answer is the
// one the replay gives in the caller's thread.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeNewConversation } from "@/lib/distribution";
import { httpStatusOf } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createAgents, insertQueuedConversation, insertTestGroup } from "@/test/distribution-fixtures";
import { actorOf, findGroupId, refusal } from "@/test/groups-fixtures";
import { generatedHistory } from "@/test/what-if-fixtures";
import { answerWhatIf } from "./answer";
import { loadHistory } from "./load-history";
import { runWhatIf } from "./run-what-if";
import { registerWhatIfRunner, whatIfRunner } from "./what-if-thread";
import { createWhatIfRunner } from "./what-if-worker";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // As server.ts does: the instance's runner starts threads.
  registerWhatIfRunner(createWhatIfRunner());
});
afterAll(() => t.drop());

describe("the what-if thread", () => {
  it("gives the answer the replay gives in the caller's thread", async () => {
    const history = generatedHistory(2_000, 2, 8);
    const proposed = { maxOpenPerAgent: 1, strategy: "sequential" as const };
    const answer = await whatIfRunner().run((inThread) => inThread({ source: { history }, proposed, options: { compareStrategies: true } }));
    expect(answer).toEqual(answerWhatIf(history, proposed, { compareStrategies: true }));
  }, 120_000);

  it("reads the history in the thread, on its own connection: a group that does not exist is a 404 from there", async () => {
    const manager = await actorOf(t.db, "manager");
    const missing = await refusal(() => runWhatIf(t.db, manager, 987_654, { days: 7 }));
    expect(missing.code).toBe("not_found");
    expect(httpStatusOf(missing.code)).toBe(404);
    // And a real group's answer through the thread is the one loaded and replayed here.
    const vendas = await findGroupId(t.db, "Vendas");
    const now = new Date();
    const answer = await runWhatIf(t.db, manager, vendas, { days: 7 }, now);
    const history = (await loadHistory(t.db, vendas, new Date(now.getTime() - 7 * 86_400_000), now))!;
    expect(answer).toEqual(answerWhatIf(history, {}));
  }, 120_000);

  it("lets a live decision complete while a long replay runs, and refuses a second what-if meanwhile", async () => {
    const agents = await createAgents(t.db, 2, { status: "online" });
    await t.db.execute(sql`UPDATE users SET available_since = now() WHERE id IN ${agents}`);
    const group = await insertTestGroup(t.db, { strategy: "balanced", members: agents });
    // Seconds of CPU on any machine: two replays of 100,000 conversations.
    const history = generatedHistory(100_000, 30);
    const runner = whatIfRunner();
    let replayDone = false;
    const replaying = runner.run((inThread) => inThread({ source: { history }, proposed: { maxOpenPerAgent: 2 }, options: {} })).finally(() => (replayDone = true));
    expect(runner.busy()).toBe(true);

    const conversationId = await insertQueuedConversation(t.db, group);
    await routeNewConversation(t.db, conversationId);
    const [row] = await t.db.execute<{ status: string; assignee_id: number | null }>(sql`SELECT status, assignee_id FROM conversations WHERE id = ${conversationId}`);
    expect(row).toEqual({ status: "assigned", assignee_id: expect.any(Number) });
    expect(agents).toContain(row!.assignee_id);
    // The decision was made and written while the replay was still running.
    expect(replayDone).toBe(false);

    const manager = await actorOf(t.db, "manager");
    const vendas = await findGroupId(t.db, "Vendas");
    const busy = await refusal(() => runWhatIf(t.db, manager, vendas, { days: 7 }));
    expect(busy.code).toBe("busy");
    expect(httpStatusOf(busy.code)).toBe(429);

    const answer = await replaying;
    expect(answer.conversations).toBe(100_000);
    expect(runner.busy()).toBe(false);
    // Free again: the next what-if runs.
    const next = await runWhatIf(t.db, manager, vendas, { days: 7 });
    expect(next.current.settings.strategy).toBeDefined();
  }, 300_000);
});
