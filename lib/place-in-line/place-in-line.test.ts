// The customer's place in line (docs/behaviour.md#place-in-line), on PostgreSQL with the
// stand-in Graph API: told on entering a queue with nobody eligible, again when the position
// improves by a step or the interval passes, at most N times, only inside the 24-hour window,
// never once an agent has it; each step once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { distributeOpened, tellEntered } from "@/lib/inbound/ingest-and-distribute";
import { setAgentStatus } from "@/lib/distribution";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createAgents, insertTestGroup } from "@/test/distribution-fixtures";
import { deliver, newWaId, testGraphConfig } from "@/test/whatsapp-fixtures";
import { deliverWelcome } from "@/lib/whatsapp/welcome-message";
import { contactLanguage, decidePlaceInLine, positionMessage, tellPlaceInLine, POSITION_STEP } from "./tell";
import { readPace } from "./estimate";
import { readServiceLevelHitRate } from "@/lib/service-levels/hit-rate";
import { expectRefusedUnchanged } from "@/test/groups-fixtures";

let t: TestDatabase;
let fake: FakeGraph;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
  fake = await startFakeGraph();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

const graph = () => testGraphConfig(fake);
const sentTo = (waId: string) => fake.sent().filter((m) => m.to === waId).map((m) => m.body);

type Setup = { groupId: number; phoneNumberId: string; agents: number[] };

/** A group that tells the place in line, with `agents` members, all offline. */
async function tellingGroup(settings: { every?: number | null; max?: number; agents?: number } = {}): Promise<Setup> {
  const agents = await createAgents(t.db, settings.agents ?? 1, { status: "offline" });
  const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 5, members: agents });
  await t.sql`UPDATE channel_groups SET tell_queue_position = true, queue_position_every_minutes = ${settings.every ?? null},
                 queue_position_max_messages = ${settings.max ?? 3} WHERE id = ${group.groupId}`;
  const [channel] = await t.sql<{ phoneNumberId: string }[]>`SELECT phone_number_id AS "phoneNumberId" FROM channels WHERE id = ${group.channelId}`;
  return { groupId: group.groupId, phoneNumberId: channel!.phoneNumberId, agents };
}

/** A customer writes to the group's number (minutesAgo: when, for the 24-hour window); the route's follow-up runs. */
async function customerWrites(setup: Setup, options: { minutesAgo?: number } = {}): Promise<{ waId: string; conversationId: number }> {
  const waId = newWaId();
  const timestamp = String(Math.floor(Date.now() / 1000) - (options.minutesAgo ?? 0) * 60);
  const outcome = await deliver(t.db, messagesNotification({ phoneNumberId: setup.phoneNumberId }, [{ waId }], [inboundMessage(waId, content.text("oi"), { timestamp })]), {
    graph: graph(),
    onConversationOpened: distributeOpened(t.db),
    onEnteredQueue: tellEntered(t.db, graph()),
  });
  if (outcome.outcome !== "processed") throw new Error(outcome.outcome);
  return { waId, conversationId: outcome.result.messages[0]!.conversationId };
}

const outboxOf = (conversationId: number) =>
  t.sql<{ step: number; state: string; position: number; minutes: number; body: string }[]>`
    SELECT step, state, position, minutes, body FROM welcome_outbox WHERE conversation_id = ${conversationId} AND kind = 'queue_position' ORDER BY step`;

describe("the customer's place in line", () => {
  it("is told on entering a queue with nobody online, in Portuguese by default, with the estimate", async () => {
    const setup = await tellingGroup();
    const first = await customerWrites(setup);
    const second = await customerWrites(setup);
    const pace = await readPace(t.db, setup.groupId);
    expect(pace).toEqual({ assignedInWindow: 0, onlineAgents: 0, freePlaces: 0 });
    // Cold start, nobody online: 5 minutes per customer.
    expect(sentTo(first.waId)).toEqual(["Você é o 1º da fila — cerca de 5 min"]);
    expect(sentTo(second.waId)).toEqual(["Você é o 2º da fila — cerca de 10 min"]);
    expect(await outboxOf(second.conversationId)).toEqual([{ step: 0, state: "sent", position: 2, minutes: 10, body: "Você é o 2º da fila — cerca de 10 min" }]);
    const [message] = await t.sql`SELECT author_type, status, body FROM messages WHERE conversation_id = ${second.conversationId} AND direction = 'out'`;
    expect(message).toMatchObject({ author_type: "system", status: "sent", body: "Você é o 2º da fila — cerca de 10 min" });
    // Nothing moved: the sweep tells nobody again.
    expect(await tellPlaceInLine(t.db, graph(), { groupIds: [setup.groupId] })).toEqual([]);
    expect(sentTo(first.waId)).toHaveLength(1);
  });

  it("speaks the group's own text, in its language", async () => {
    const setup = await tellingGroup();
    await t.sql`UPDATE channel_groups SET queue_position_message_en = 'Position {{position}}, ~{{ minutes }} minutes' WHERE id = ${setup.groupId}`;
    const english = await customerWrites(setup);
    expect(sentTo(english.waId)).toEqual(["Position 1, ~5 minutes"]);
    await t.sql`UPDATE channel_groups SET queue_position_message_pt = '{{position}}º na fila (~{{minutes}} min)' WHERE id = ${setup.groupId}`;
    const portuguese = await customerWrites(setup);
    expect(sentTo(portuguese.waId)).toEqual(["2º na fila (~10 min)"]);
    // The defaults, and the channel's menu deciding the language.
    expect(positionMessage(null, "pt-BR", 3, 4)).toBe("Você é o 3º da fila — cerca de 4 min");
    expect(positionMessage("  ", "en", 3, 4)).toBe("You are number 3 in line — about 4 min");
    const menu = { question: "?", options: [], defaultGroupId: setup.groupId, timeoutMinutes: 10, textOnly: true, language: "en" as const };
    expect(contactLanguage(menu, { pt: "x", en: null })).toBe("en");
    expect(contactLanguage(null, { pt: null, en: null })).toBe("pt-BR");
  });

  it("is not told when someone can take it, nor in a group that does not tell", async () => {
    const setup = await tellingGroup();
    await setAgentStatus(t.db, { userId: setup.agents[0]!, status: "online" });
    const assigned = await customerWrites(setup);
    const [row] = await t.sql`SELECT status FROM conversations WHERE id = ${assigned.conversationId}`;
    expect(row!.status).toBe("assigned");
    expect(sentTo(assigned.waId)).toEqual([]);

    const quiet = await tellingGroup();
    await t.sql`UPDATE channel_groups SET tell_queue_position = false WHERE id = ${quiet.groupId}`;
    const waiting = await customerWrites(quiet);
    expect(sentTo(waiting.waId)).toEqual([]);
    expect(await outboxOf(waiting.conversationId)).toEqual([]);
  });

  it("is never sent once an agent has it, even when decided before", async () => {
    const setup = await tellingGroup({ every: 1 });
    const c = await customerWrites(setup);
    expect(sentTo(c.waId)).toHaveLength(1);
    // The next step is decided (the interval passed) …
    await t.sql`UPDATE conversations SET position_told_at = now() - interval '2 minutes' WHERE id = ${c.conversationId}`;
    const decided = await decidePlaceInLine(t.db, { groupIds: [setup.groupId] });
    expect(decided.map((d) => d.step)).toEqual([1]);
    // … and an agent takes it before it goes out.
    await t.sql`UPDATE conversations SET status = 'assigned', assignee_id = ${setup.agents[0]!}, assigned_at = now() WHERE id = ${c.conversationId}`;
    const delivery = await deliverWelcome(t.db, c.conversationId, graph(), "queue_position", 1);
    expect(delivery).toEqual({ outcome: "skipped", reason: "an agent has the conversation" });
    expect(sentTo(c.waId)).toHaveLength(1);
    // And the sweep decides nothing more for it.
    await t.sql`UPDATE conversations SET position_told_at = now() - interval '2 minutes' WHERE id = ${c.conversationId}`;
    expect(await decidePlaceInLine(t.db, { groupIds: [setup.groupId] })).toEqual([]);
  });

  it("is only told inside the 24-hour window of the customer's last message", async () => {
    const setup = await tellingGroup({ every: 1 });
    const old = await customerWrites(setup, { minutesAgo: 24 * 60 + 5 });
    expect(sentTo(old.waId)).toEqual([]);
    expect(await outboxOf(old.conversationId)).toEqual([]);
    // A window that closes between two steps.
    const recent = await customerWrites(setup);
    expect(sentTo(recent.waId)).toHaveLength(1);
    await t.sql`UPDATE messages SET created_at = now() - interval '25 hours' WHERE conversation_id = ${recent.conversationId} AND direction = 'in'`;
    await t.sql`UPDATE conversations SET position_told_at = now() - interval '2 minutes' WHERE id = ${recent.conversationId}`;
    expect(await tellPlaceInLine(t.db, graph(), { groupIds: [setup.groupId] })).toEqual([]);
    expect(sentTo(recent.waId)).toHaveLength(1);
  });

  it("is told again every N minutes, at most the set number of messages", async () => {
    const setup = await tellingGroup({ every: 10, max: 3 });
    const c = await customerWrites(setup);
    // Not yet: 10 minutes have not passed.
    expect(await tellPlaceInLine(t.db, graph(), { groupIds: [setup.groupId] })).toEqual([]);
    for (let i = 0; i < 5; i++) {
      await t.sql`UPDATE conversations SET position_told_at = now() - interval '11 minutes' WHERE id = ${c.conversationId}`;
      await tellPlaceInLine(t.db, graph(), { groupIds: [setup.groupId] });
    }
    expect(sentTo(c.waId)).toHaveLength(3);
    expect((await outboxOf(c.conversationId)).map((r) => [r.step, r.state])).toEqual([
      [0, "sent"],
      [1, "sent"],
      [2, "sent"],
    ]);
    const [row] = await t.sql`SELECT position_messages FROM conversations WHERE id = ${c.conversationId}`;
    expect(row!.position_messages).toBe(3);
  });

  it(`is told again when the position improves by ${POSITION_STEP}, not by less (no interval set)`, async () => {
    const setup = await tellingGroup({ max: 5 });
    const queue = [];
    for (let i = 0; i < 5; i++) queue.push(await customerWrites(setup));
    const last = queue[4]!;
    expect(sentTo(last.waId)).toEqual(["Você é o 5º da fila — cerca de 25 min"]);
    // The first is served (someone took it): 4th now, one place better — not a step.
    await t.sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${queue[0]!.conversationId}`;
    await tellPlaceInLine(t.db, graph(), { groupIds: [setup.groupId] });
    expect(sentTo(last.waId)).toHaveLength(1);
    // Two places better than told: told again, concurrently by several sweeps, once.
    await t.sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${queue[1]!.conversationId}`;
    await Promise.all([1, 2, 3].map(() => tellPlaceInLine(t.db, graph(), { groupIds: [setup.groupId] })));
    expect(sentTo(last.waId)).toEqual(["Você é o 5º da fila — cerca de 25 min", "Você é o 3º da fila — cerca de 15 min"]);
    // The 3rd (now 1st) moved two places as well; the 4th (now 2nd) too.
    expect(sentTo(queue[2]!.waId)).toEqual(["Você é o 3º da fila — cerca de 15 min", "Você é o 1º da fila — cerca de 5 min"]);
  });

  it("the service-levels report measures the estimates: told, and the median error against the wait; managers only", async () => {
    const setup = await tellingGroup();
    const first = await customerWrites(setup);
    const second = await customerWrites(setup);
    // Told 5 and 10 minutes, three minutes ago; someone comes online now and takes both.
    await t.sql`UPDATE welcome_outbox SET created_at = now() - interval '3 minutes' WHERE conversation_id IN (${first.conversationId}, ${second.conversationId})`;
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const [managerId] = await createAgents(t.db, 1, { role: "manager" });
    const manager = { id: managerId!, role: "manager" as const };
    const before = await readServiceLevelHitRate(t.db, manager, { from, to, groupId: String(setup.groupId) });
    expect(before.placeInLine).toEqual({ told: 2, medianAbsoluteErrorMinutes: null });
    await setAgentStatus(t.db, { userId: setup.agents[0]!, status: "online" });
    const after = await readServiceLevelHitRate(t.db, manager, { from, to, groupId: String(setup.groupId) });
    // |5 − 3| = 2 and |10 − 3| = 7: the median is 4.5 (give or take the seconds the test took).
    expect(after.placeInLine.told).toBe(2);
    expect(after.placeInLine.medianAbsoluteErrorMinutes).toBeGreaterThanOrEqual(4.3);
    expect(after.placeInLine.medianAbsoluteErrorMinutes).toBeLessThanOrEqual(4.5);
    // Another group's figures are its own.
    const other = await tellingGroup();
    expect((await readServiceLevelHitRate(t.db, manager, { from, to, groupId: String(other.groupId) })).placeInLine).toEqual({ told: 0, medianAbsoluteErrorMinutes: null });
    // An agent — of this group or of another — may not read it.
    for (const userId of [setup.agents[0]!, other.agents[0]!]) {
      await expectRefusedUnchanged(t.db, "forbidden", () => readServiceLevelHitRate(t.db, { id: userId, role: "agent" }, { from, to, groupId: String(setup.groupId) }));
    }
  });
});
