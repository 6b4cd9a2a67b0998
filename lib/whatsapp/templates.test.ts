// Templates against the fake Graph API: listed from the channel's WhatsApp Business
// Account (approved only, cached, refreshable), sent with their body parameters in Meta's
// format once the window has closed — where free text stays refused.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { refusal, SUPORTE, suporteConversation, testGraphConfig } from "@/test/whatsapp-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { setChannelWaba } from "@/lib/groups";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { DEFAULT_TEMPLATES } from "@/dev/fake-graph-templates";
import type { GraphConfig } from "./graph-config";
import { sendReply } from "./send-reply";
import { renderTemplate } from "./template-text";
import { listTemplates, sendTemplate } from "./templates";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let diego: Actor;
let manager: Actor;
let ana: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  const users = await t.db.execute<{ id: number; role: "agent" | "manager"; email: string }>(sql`SELECT id, role, email FROM users`);
  const byEmail = (email: string) => users.find((u) => u.email === email)!;
  [diego, manager, ana] = [byEmail("diego@fila.test"), byEmail("manager@fila.test"), byEmail("ana@fila.test")];
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

const conversation = (minutesAgo: number) => suporteConversation(t.db, graph, { minutesAgo, assigneeId: diego.id });

const channelId = async () => (await t.db.execute<{ id: number }>(sql`SELECT id FROM channels WHERE phone_number_id = ${SUPORTE.phoneNumberId}`))[0]!.id;

describe("message templates", () => {
  it("a manager sets the channel's WhatsApp Business Account id, validated as digits", async () => {
    const id = await channelId();
    expect((await refusal(setChannelWaba(t.db, manager, { channelId: id, wabaId: "abc-123" })))?.fields).toEqual({ wabaId: "template.invalid.wabaId" });
    expect((await refusal(setChannelWaba(t.db, diego, { channelId: id, wabaId: "300000000000001" })))?.code).toBe("forbidden");
    const { channel } = await setChannelWaba(t.db, manager, { channelId: id, wabaId: " 300000000000001 " });
    expect(channel.wabaId).toBe("300000000000001");
  });

  it("lists the account's approved templates from the Graph API, cached, refreshed on demand", async () => {
    const { conversationId } = await conversation(60);
    const list = await listTemplates(t.db, diego, conversationId, graph);
    expect(list.wabaId).toBe("300000000000001");
    expect(list.templates.map((x) => `${x.name}/${x.language}`)).toEqual(["follow_up/en_US", "pedido_pronto/pt_BR", "retomar_atendimento/pt_BR"]);
    expect(list.templates.find((x) => x.name === "retomar_atendimento")).toMatchObject({ parameterCount: 2, category: "UTILITY" });
    expect(list.templates.find((x) => x.name === "pedido_pronto")).toMatchObject({ header: "Pedido pronto", footer: "Responda para falar com a gente", parameterCount: 1 });
    expect(fake.templateRequests()).toEqual([{ wabaId: "300000000000001", authorization: "Bearer test-access-token" }]);

    // From the cache; a refresh asks Meta again and sees the change.
    await listTemplates(t.db, diego, conversationId, graph);
    expect(fake.templateRequests()).toHaveLength(1);
    fake.setTemplates([...DEFAULT_TEMPLATES, { name: "novo", language: "pt_BR", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Novo {{1}}" }] }]);
    const refreshed = await listTemplates(t.db, diego, conversationId, graph, { refresh: true });
    expect(refreshed.templates.map((x) => x.name)).toContain("novo");
    expect(fake.templateRequests()).toHaveLength(2);

    // An agent of another group may not.
    expect((await refusal(listTemplates(t.db, ana, conversationId, graph)))?.code).toBe("forbidden");
  });

  it("sends a template with its parameters in Meta's format once the window has closed; free text stays refused; the window stays closed", async () => {
    const { conversationId, waId } = await conversation(25 * 60);
    await listTemplates(t.db, diego, conversationId, graph);

    const text = await refusal(sendReply(t.db, { conversationId, userId: diego.id, body: "Oi, tudo bem?" }, graph));
    expect(text?.code).toBe("window_closed");

    const result = await sendTemplate(t.db, diego, { conversationId, name: "retomar_atendimento", language: "pt_BR", parameters: [" Maria ", "Diego"] }, graph);
    expect(result.sent).toBe(true);
    const [sent] = fake.sent();
    expect(sent!.request).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "template",
      template: {
        name: "retomar_atendimento",
        language: { code: "pt_BR" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Maria" }, { type: "text", text: "Diego" }] }],
      },
    });
    const message = (await listThreadMessages(t.db, conversationId)).at(-1)!;
    expect(message).toMatchObject({ type: "template", status: "sent", body: "Olá Maria! Aqui é Diego, da equipe de atendimento. Podemos continuar a sua conversa?" });

    // A template opens nothing: free text is still refused until the contact answers.
    expect((await refusal(sendReply(t.db, { conversationId, userId: diego.id, body: "E agora?" }, graph)))?.code).toBe("window_closed");
    expect(fake.sent()).toHaveLength(1);
  });

  it("refuses missing parameters, an unknown template, and someone who is not the assignee", async () => {
    const { conversationId } = await conversation(25 * 60);
    await listTemplates(t.db, diego, conversationId, graph);
    const missing = await refusal(sendTemplate(t.db, diego, { conversationId, name: "retomar_atendimento", language: "pt_BR", parameters: ["Maria"] }, graph));
    expect(missing).toMatchObject({ code: "invalid_input", fields: { parameters: "template.invalid.parameters" } });
    const blank = await refusal(sendTemplate(t.db, diego, { conversationId, name: "retomar_atendimento", language: "pt_BR", parameters: ["Maria", "  "] }, graph));
    expect(blank?.code).toBe("invalid_input");
    const rejected = await refusal(sendTemplate(t.db, diego, { conversationId, name: "promo_black_friday", language: "pt_BR", parameters: [] }, graph));
    expect(rejected).toMatchObject({ code: "invalid_input", fields: { name: "template.invalid.unknown" } });
    const other = await refusal(sendTemplate(t.db, ana, { conversationId, name: "follow_up", language: "en_US", parameters: ["Ana"] }, graph));
    expect(other?.code).toBe("forbidden");
    expect(fake.sent()).toHaveLength(0);
  });

  it("renders a preview with the parameters filled in", () => {
    expect(renderTemplate("Olá {{1}}, pedido {{2}}", ["Ana", ""])).toBe("Olá Ana, pedido {{2}}");
  });
});
