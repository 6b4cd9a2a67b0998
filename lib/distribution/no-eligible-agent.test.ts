// When nobody is eligible the queue waits, visible and takeable, and fills the first
// agent who becomes eligible up to their cap, oldest first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { drainQueue, setAgentStatus, sweepQueues } from "./index";
import { auditDatabase } from "@/test/distribution-audit";
import { arrive, createAgents, insertTestGroup, inParallel, loadsOf, queuedIn } from "@/test/distribution-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
});
afterAll(() => t.drop());

describe("no eligible agent", () => {
  it("leaves conversations queued; the first agent online receives up to their cap at once, and the rest waits", async () => {
    const [a, b, c] = await createAgents(t.db, 3, { status: "offline" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 3, members: [a!, b!, c!] });
    await inParallel(10, () => arrive(t.db, group).then((r) => expect(r.changes).toEqual([])));
    const queue = await queuedIn(t.db, group.groupId);
    expect(queue).toHaveLength(10);

    // Paused is not online.
    expect((await setAgentStatus(t.db, { userId: c!, status: "paused" })).changes).toEqual([]);

    const online = await setAgentStatus(t.db, { userId: a!, status: "online" });
    expect(online.changes.map((x) => [x.conversationId, x.to])).toEqual(queue.slice(0, 3).map((id) => [id, a]));
    expect(await queuedIn(t.db, group.groupId)).toEqual(queue.slice(3));

    const second = await setAgentStatus(t.db, { userId: b!, status: "online" });
    expect(second.changes.map((x) => [x.conversationId, x.to])).toEqual(queue.slice(3, 6).map((id) => [id, b]));
    expect(await queuedIn(t.db, group.groupId)).toEqual(queue.slice(6));
    expect(await auditDatabase(t.db, [group.groupId])).toEqual([]);
  });

  it("a group that is not online-only gives to offline and paused agents, never to inactive ones", async () => {
    const [offline] = await createAgents(t.db, 1, { status: "offline" });
    const [paused] = await createAgents(t.db, 1, { status: "paused" });
    const [inactive] = await createAgents(t.db, 1, { status: "online", active: false });
    const group = await insertTestGroup(t.db, { strategy: "sequential", onlineOnly: false, members: [offline!, paused!, inactive!] });
    for (let i = 0; i < 6; i++) await arrive(t.db, group);
    expect(await loadsOf(t.db, [offline!, paused!, inactive!])).toEqual(
      new Map([
        [offline!, 3],
        [paused!, 3],
        [inactive!, 0],
      ]),
    );
  });

  it("a manual group never assigns by itself, whoever is online", async () => {
    const agents = await createAgents(t.db, 2, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "manual", members: agents });
    for (let i = 0; i < 3; i++) expect((await arrive(t.db, group)).changes).toEqual([]);
    expect((await drainQueue(t.db, group.groupId)).changes).toEqual([]);
    expect((await sweepQueues(t.db)).changes.filter((x) => x.groupId === group.groupId)).toEqual([]);
    expect(await queuedIn(t.db, group.groupId)).toHaveLength(3);
  });
});
