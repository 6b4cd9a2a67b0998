// docs/behaviour.md#entry-menu on PostgreSQL, through the webhook path: the entry menu routes each way of
// answering, asks once more, falls back to the default group (second miss, timeout),
// routes once under concurrency and redelivery; business hours hold the queue and send
// the out-of-hours message once; the drain at opening keeps the caps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BusinessHours, EntryMenu } from "@/db/schema";
import { routeNewConversation, sweepQueues, takeConversation } from "@/lib/distribution";
import { UserError } from "@/lib/errors";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { IngestOptions } from "@/lib/whatsapp/ingest";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createAgents, insertTestGroup, type TestGroup } from "@/test/distribution-fixtures";
import { deliver, newWaId, testGraphConfig } from "@/test/whatsapp-fixtures";
import { routeTimedOut } from "./route-conversation";
import { routeTimedOutAndDistribute } from "@/lib/inbound/ingest-and-distribute";

let t: TestDatabase;
let fake: FakeGraph;
let options: IngestOptions;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
  fake = await startFakeGraph();
  options = { graph: testGraphConfig(fake), onConversationOpened: async (id) => void (await routeNewConversation(t.db, id)) };
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

type Setup = { entry: TestGroup; phoneNumberId: string; vendas: TestGroup; suporte: TestGroup; financeiro: TestGroup; agents: number[]; manager: number };

/** An entry number whose menu offers Vendas, Suporte and Financeiro (default Financeiro); one online agent in each. */
async function setup(menu: Partial<EntryMenu> = {}, labels = ["Vendas", "Suporte", "Financeiro"]): Promise<Setup> {
  const agents = await createAgents(t.db, 4, { status: "online" });
  const [manager] = await createAgents(t.db, 1, { role: "manager", status: "online" });
  const entry = await insertTestGroup(t.db, { strategy: "balanced", members: [agents[3]!] });
  const vendas = await insertTestGroup(t.db, { strategy: "balanced", members: [agents[0]!] });
  const suporte = await insertTestGroup(t.db, { strategy: "balanced", members: [agents[1]!] });
  const financeiro = await insertTestGroup(t.db, { strategy: "balanced", members: [agents[2]!] });
  for (const g of [vendas, suporte, financeiro]) await t.sql`UPDATE channel_groups SET welcome_message = ${`Welcome to group ${g.groupId}`} WHERE id = ${g.groupId}`;
  const targets = [vendas, suporte, financeiro, vendas, suporte, financeiro, vendas, suporte, financeiro, vendas];
  const full: EntryMenu = {
    question: "Com quem você quer falar?",
    options: labels.map((label, i) => ({ label, groupId: targets[i]!.groupId })),
    defaultGroupId: financeiro.groupId,
    timeoutMinutes: 10,
    textOnly: false,
    ...menu,
  };
  const [channel] = await t.sql`UPDATE channels SET menu = ${JSON.stringify(full)}::jsonb WHERE id = ${entry.channelId} RETURNING phone_number_id`;
  return { entry, phoneNumberId: channel!.phone_number_id as string, vendas, suporte, financeiro, agents, manager: manager! };
}

const write = (s: Setup, waId: string, message: Parameters<typeof inboundMessage>[1], id?: string) =>
  deliver(t.db, messagesNotification({ phoneNumberId: s.phoneNumberId }, [{ waId }], [inboundMessage(waId, message, { id })]), options);

async function conversationOf(waId: string) {
  const [row] = await t.sql`
    SELECT c.id, c.status, c.group_id AS "groupId", c.assignee_id AS "assigneeId"
      FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ${waId} ORDER BY c.id DESC LIMIT 1`;
  return row as { id: number; status: string; groupId: number; assigneeId: number | null };
}
const routeEvents = async (conversationId: number) =>
  (await t.sql`SELECT group_id AS "groupId", reason->'routing' AS routing FROM assignment_events WHERE conversation_id = ${conversationId} AND kind = 'route' ORDER BY id`) as unknown as {
    groupId: number;
    routing: { step: string; via?: string; cause?: string; answer?: string };
  }[];
const sentTo = (waId: string) => fake.sent().filter((m) => m.to === waId);

describe("the entry menu", () => {
  it("opens routing, sends Meta's reply buttons, and a button reply routes into the group, whose welcome goes once", async () => {
    const s = await setup();
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    const opened = await conversationOf(waId);
    expect(opened).toMatchObject({ status: "routing", groupId: s.entry.groupId, assigneeId: null });
    const [menu] = sentTo(waId);
    expect(menu!.request).toMatchObject({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Com quem você quer falar?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "route_1", title: "Vendas" } },
            { type: "reply", reply: { id: "route_2", title: "Suporte" } },
            { type: "reply", reply: { id: "route_3", title: "Financeiro" } },
          ],
        },
      },
    });
    await write(s, waId, content.buttonReply("route_2", "Suporte"));
    const routed = await conversationOf(waId);
    expect(routed).toMatchObject({ status: "assigned", groupId: s.suporte.groupId, assigneeId: s.agents[1] });
    expect((await routeEvents(routed.id)).map((e) => e.routing)).toEqual([expect.objectContaining({ step: "chosen", via: "button", answer: "Suporte" })]);
    // The menu, then Suporte's welcome — once, however often the contact writes.
    await write(s, waId, content.text("obrigado"));
    expect(sentTo(waId).map((m) => m.body)).toEqual(["Com quem você quer falar?", `Welcome to group ${s.suporte.groupId}`]);
    // The messages written while routing stay in the conversation.
    const [{ n }] = (await t.sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${routed.id} AND direction = 'in'`) as unknown as [{ n: number }];
    expect(n).toBe(3);
  });

  it("sends a list for more than three options, and a list reply routes", async () => {
    const s = await setup({}, ["Vendas", "Suporte", "Financeiro", "Compras corporativas"]);
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    const interactive = sentTo(waId)[0]!.interactive as { type: string; action: { button: string; sections: { rows: { id: string; title: string }[] }[] } };
    expect(interactive.type).toBe("list");
    expect(interactive.action.button.length).toBeLessThanOrEqual(20);
    expect(interactive.action.sections[0]!.rows.map((r) => r.id)).toEqual(["route_1", "route_2", "route_3", "route_4"]);
    await write(s, waId, content.listReply("route_3", "Financeiro"));
    const routed = await conversationOf(waId);
    expect(routed.groupId).toBe(s.financeiro.groupId);
    expect((await routeEvents(routed.id))[0]!.routing).toMatchObject({ step: "chosen", via: "list" });
  });

  it("routes by the option's number, and by its label whatever the accents and case", async () => {
    const s = await setup({ textOnly: true }, ["Vendas", "Suporte técnico", "Financeiro"]);
    const byNumber = newWaId();
    await write(s, byNumber, content.text("oi"));
    expect(sentTo(byNumber)[0]!.body).toBe("Com quem você quer falar?\n\n1. Vendas\n2. Suporte técnico\n3. Financeiro");
    expect(sentTo(byNumber)[0]!.request.type).toBe("text");
    await write(s, byNumber, content.text(" 3 "));
    expect((await conversationOf(byNumber)).groupId).toBe(s.financeiro.groupId);
    const byLabel = newWaId();
    await write(s, byLabel, content.text("oi"));
    await write(s, byLabel, content.text("SUPORTE  TECNICO"));
    const routed = await conversationOf(byLabel);
    expect(routed.groupId).toBe(s.suporte.groupId);
    expect((await routeEvents(routed.id))[0]!.routing).toMatchObject({ step: "chosen", via: "label", answer: "SUPORTE  TECNICO" });
  });

  it("asks once more after an answer it does not understand, then routes the valid one", async () => {
    const s = await setup();
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    await write(s, waId, content.text("quero falar com alguém"));
    const asking = await conversationOf(waId);
    expect(asking.status).toBe("routing");
    expect(sentTo(waId)).toHaveLength(2);
    // The same menu, after a line that says the answer was not understood, in the menu's language.
    const first = sentTo(waId)[0]!.interactive as Record<string, unknown>;
    expect(sentTo(waId)[1]!.interactive).toEqual({ ...first, body: { text: "Não entendi sua resposta.\nCom quem você quer falar?" } });
    await write(s, waId, content.text("1"));
    const routed = await conversationOf(waId);
    expect(routed.groupId).toBe(s.vendas.groupId);
    expect((await routeEvents(routed.id)).map((e) => e.routing.step)).toEqual(["asked_again", "chosen"]);
  });

  it("routes by a word only one option's label has, and an option may set the priority (an English menu says it did not understand in English)", async () => {
    const s = await setup({ textOnly: true, language: "en", question: "Who would you like to talk to?" }, ["Vendas", "Suporte técnico", "Suporte financeiro"]);
    await t.sql`
      UPDATE channels SET menu = jsonb_set(menu, '{options,1,priority}', '"urgent"')
       WHERE id = ${s.entry.channelId}`;
    const waId = newWaId();
    await write(s, waId, content.text("hi"));
    // "suporte" is in two labels: no answer, asked again in English.
    await write(s, waId, content.text("suporte"));
    expect((await conversationOf(waId)).status).toBe("routing");
    expect(sentTo(waId)[1]!.body).toBe("Sorry, I didn't understand your answer.\nWho would you like to talk to?\n\n1. Vendas\n2. Suporte técnico\n3. Suporte financeiro");
    // "tecnico" only in one: Suporte técnico, whose option makes it urgent.
    await write(s, waId, content.text("preciso de suporte TÉCNICO por favor"));
    const routed = await conversationOf(waId);
    expect(routed.groupId).toBe(s.suporte.groupId);
    const [{ priority }] = (await t.sql`SELECT priority FROM conversations WHERE id = ${routed.id}`) as unknown as [{ priority: string }];
    expect(priority).toBe("urgent");
    expect((await routeEvents(routed.id)).at(-1)!.routing).toMatchObject({ step: "chosen", via: "word", priority: "urgent" });
  });

  it("a second answer not understood goes to the default group", async () => {
    const s = await setup();
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    await write(s, waId, content.text("hã?"));
    await write(s, waId, content.text("7"));
    const routed = await conversationOf(waId);
    expect(routed).toMatchObject({ groupId: s.financeiro.groupId, status: "assigned", assigneeId: s.agents[2] });
    expect((await routeEvents(routed.id)).map((e) => e.routing)).toEqual([
      expect.objectContaining({ step: "asked_again", answer: "hã?" }),
      expect.objectContaining({ step: "default", cause: "invalid_twice", answer: "7" }),
    ]);
    // Asked twice, never a third time; then the default group's welcome.
    expect(sentTo(waId).map((m) => m.body)).toEqual([
      "Com quem você quer falar?",
      "Não entendi sua resposta.\nCom quem você quer falar?",
      `Welcome to group ${s.financeiro.groupId}`,
    ]);
  });

  it("silence past the timeout goes to the default group (the sweep), not before", async () => {
    const s = await setup({ timeoutMinutes: 10 });
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    const { id } = await conversationOf(waId);
    await t.sql`UPDATE conversations SET routing_since = now() - interval '9 minutes' WHERE id = ${id}`;
    expect(await routeTimedOut(t.db, { minuteSeconds: 60 })).toEqual([]);
    await t.sql`UPDATE conversations SET routing_since = now() - interval '11 minutes' WHERE id = ${id}`;
    expect(await routeTimedOutAndDistribute(t.db, { minuteSeconds: 60, graph: testGraphConfig(fake) })).toBe(1);
    const routed = await conversationOf(waId);
    expect(routed).toMatchObject({ groupId: s.financeiro.groupId, status: "assigned", assigneeId: s.agents[2] });
    expect((await routeEvents(id)).map((e) => e.routing)).toEqual([expect.objectContaining({ step: "default", cause: "timeout" })]);
    expect(sentTo(waId).map((m) => m.body)).toEqual(["Com quem você quer falar?", `Welcome to group ${s.financeiro.groupId}`]);
  });

  it("concurrent answers and redeliveries route once", async () => {
    const s = await setup();
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    const answer = inboundMessage(waId, content.buttonReply("route_1", "Vendas"));
    const other = inboundMessage(waId, content.text("2"));
    const body = (m: ReturnType<typeof inboundMessage>) => messagesNotification({ phoneNumberId: s.phoneNumberId }, [{ waId }], [m]);
    await Promise.all([
      deliver(t.db, body(answer), options),
      deliver(t.db, body(answer), options),
      deliver(t.db, body(other), options),
      deliver(t.db, body(answer), options),
    ]);
    await deliver(t.db, body(answer), options);
    const routed = await conversationOf(waId);
    const events = await routeEvents(routed.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.routing.step).toBe("chosen");
    expect(routed.groupId).toBe(events[0]!.groupId);
    const auto = await t.sql`SELECT 1 FROM assignment_events WHERE conversation_id = ${routed.id} AND kind = 'auto'`;
    expect(auto).toHaveLength(1);
    // One menu and one welcome.
    expect(sentTo(waId)).toHaveLength(2);
  });

  it("a routing conversation is never assigned automatically; a manager may take it, an agent may not", async () => {
    const s = await setup();
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    const { id } = await conversationOf(waId);
    await sweepQueues(t.db);
    await routeNewConversation(t.db, id);
    expect(await conversationOf(waId)).toMatchObject({ status: "routing", assigneeId: null });
    const refused = await takeConversation(t.db, { agentId: s.agents[3]!, conversationId: id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe("forbidden");
    await takeConversation(t.db, { agentId: s.manager, conversationId: id });
    expect(await conversationOf(waId)).toMatchObject({ status: "assigned", assigneeId: s.manager });
    // The menu's answer after that changes nothing.
    await write(s, waId, content.text("1"));
    expect(await conversationOf(waId)).toMatchObject({ status: "assigned", assigneeId: s.manager, groupId: s.entry.groupId });
    expect(await routeEvents(id)).toEqual([]);
  });
});

describe("business hours", () => {
  // Open only on a weekday that is not today, in UTC: closed now, whatever day the test runs.
  const closedNow = (): BusinessHours => ({ timeZone: "UTC", intervals: [{ day: (new Date().getUTCDay() + 3) % 7, start: "09:00", end: "10:00" }], holidays: [] });
  const alwaysOpen = (): BusinessHours => ({ timeZone: "UTC", intervals: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "00:00", end: "24:00" })), holidays: [] });

  it("a closed group sends its out-of-hours message once, assigns nothing, and drains at opening with the cap holding", async () => {
    const [agent] = await createAgents(t.db, 1, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "balanced", maxOpenPerAgent: 2, members: [agent!] });
    await t.sql`
      UPDATE channel_groups SET business_hours = ${JSON.stringify(closedNow())}::jsonb, out_of_hours_message = 'Estamos fechados', welcome_message = 'Bem-vindo'
       WHERE id = ${group.groupId}`;
    const [channel] = await t.sql`SELECT phone_number_id FROM channels WHERE id = ${group.channelId}`;
    const number = { phoneNumberId: channel!.phone_number_id as string };
    const contacts = [newWaId(), newWaId(), newWaId()];
    for (const waId of contacts) {
      await deliver(t.db, messagesNotification(number, [{ waId }], [inboundMessage(waId, content.text("oi"))]), options);
      await deliver(t.db, messagesNotification(number, [{ waId }], [inboundMessage(waId, content.text("alguém?"))]), options);
    }
    await sweepQueues(t.db);
    for (const waId of contacts) {
      expect(await conversationOf(waId)).toMatchObject({ status: "queued", assigneeId: null });
      expect(sentTo(waId).map((m) => m.body)).toEqual(["Estamos fechados"]);
    }
    // It opens: the sweep drains, at most two to the one agent.
    await t.sql`UPDATE channel_groups SET business_hours = ${JSON.stringify(alwaysOpen())}::jsonb WHERE id = ${group.groupId}`;
    await sweepQueues(t.db);
    const states = await Promise.all(contacts.map(conversationOf));
    expect(states.filter((c) => c.status === "assigned")).toHaveLength(2);
    expect(states.filter((c) => c.status === "queued")).toHaveLength(1);
    const [load] = await t.sql`SELECT count(*)::int AS n FROM conversations WHERE assignee_id = ${agent!} AND status = 'assigned'`;
    expect(load!.n).toBe(2);
  });

  it("a closed group's decision says why: every candidate is 'closed'", async () => {
    const [agent] = await createAgents(t.db, 1, { status: "online" });
    const group = await insertTestGroup(t.db, { strategy: "sequential", members: [agent!] });
    await t.sql`UPDATE channel_groups SET business_hours = ${JSON.stringify(closedNow())}::jsonb WHERE id = ${group.groupId}`;
    const { decisionInputs, toDecisionInputs } = await import("@/lib/distribution/candidates");
    const { clientOf } = await import("@/lib/distribution/connection");
    const { chooseAgent } = await import("@/lib/distribution/choose-agent");
    const inputs = toDecisionInputs(await decisionInputs(clientOf(t.db), { groupId: group.groupId }))!;
    expect(inputs.open).toBe(false);
    const decision = chooseAgent(inputs, inputs.agents);
    expect(decision.winner).toBeNull();
    expect(decision.candidates[0]).toMatchObject({ eligible: false, whyCode: "closed" });
    expect(decision.note).toBe("outside business hours");
  });

  it("a conversation routed into a closed group gets the out-of-hours message, not the welcome", async () => {
    const s = await setup();
    await t.sql`UPDATE channel_groups SET business_hours = ${JSON.stringify(closedNow())}::jsonb, out_of_hours_message = 'Volte amanhã' WHERE id = ${s.suporte.groupId}`;
    const waId = newWaId();
    await write(s, waId, content.text("oi"));
    await write(s, waId, content.text("suporte"));
    expect(await conversationOf(waId)).toMatchObject({ status: "queued", groupId: s.suporte.groupId });
    expect(sentTo(waId).map((m) => m.body)).toEqual(["Com quem você quer falar?", "Volte amanhã"]);
    expect(await t.sql`SELECT kind FROM welcome_outbox WHERE conversation_id = ${(await conversationOf(waId)).id} ORDER BY kind`).toEqual([{ kind: "menu" }, { kind: "out_of_hours" }]);
  });
});
