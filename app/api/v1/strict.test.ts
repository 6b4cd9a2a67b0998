// SPEC §10 "Strict" through the routes: a body with a field the operation does not know is
// refused with 400 naming it and nothing happens (a misspelt `private` never reaches the
// customer); creations answer 201; an agent of another group is refused with every id.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { FakeGraph } from "@/dev/fake-graph";
import { apiTestWorld, callRoute, type ApiCall } from "@/test/api-client";
import type { TestDatabase } from "@/test/database";
import { queueConversations, snapshot } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const routes = {
  messages: await import("./conversations/[id]/messages/route"),
  take: await import("./conversations/[id]/take/route"),
  assign: await import("./conversations/[id]/assign/route"),
  transfer: await import("./conversations/[id]/transfer/route"),
  templates: await import("./conversations/[id]/templates/route"),
  conversation: await import("./conversations/[id]/route"),
  status: await import("./me/status/route"),
  group: await import("./groups/[id]/route"),
  users: await import("./users/route"),
  webhooks: await import("./webhooks/route"),
  managerGroups: await import("./manager/groups/route"),
};

let t: TestDatabase;
let fake: FakeGraph;
let tokens: Record<string, string>;
let ids: Record<string, number>;
let close: () => Promise<unknown>;

beforeAll(async () => {
  ({ t, fake, tokens, ids, close } = await apiTestWorld(state, ["manager", "ana", "elisa"], "strict"));
});
afterAll(() => close());

const call = (handler: unknown, request: ApiCall) => callRoute(handler as Parameters<typeof callRoute>[0], request);

describe("strict bodies through the routes", () => {
  it("a reply with `private` is refused naming it, nothing is sent or stored; the reply alone is 201", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const params = { id: id! };
    const path = `/conversations/${id}`;
    expect((await call(routes.take.POST, { method: "POST", path: `${path}/take`, params, token: tokens.elisa })).status).toBe(200);
    fake.reset();
    const before = await snapshot(t.db);
    const note = await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.elisa, body: { text: "só para a equipe", private: true } });
    expect(note.status).toBe(400);
    expect(note.body.error).toMatchObject({ code: "invalid_input", fields: { private: "error.unknownField" } });
    expect(note.body.error.message).toContain("private");
    expect(fake.sent()).toHaveLength(0);
    expect(await snapshot(t.db)).toBe(before);

    const reply = await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.elisa, body: { text: "Olá!" } });
    expect(reply.status).toBe(201);
    expect(fake.sent()).toHaveLength(1);

    // Ana is in another group: with a valid body (and with the unknown field) she changes nothing.
    const afterReply = await snapshot(t.db);
    for (const body of [{ text: "Oi" }, { text: "Oi", private: true }]) {
      const answer = await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.ana, body });
      expect([400, 403]).toContain(answer.status);
    }
    for (const [handler, sub, body] of [
      [routes.assign.POST, "assign", { userId: ids.ana }],
      [routes.transfer.POST, "transfer", { userId: null }],
      [routes.templates.POST, "templates", { name: "hello", language: "pt_BR", parameters: [] }],
      [routes.conversation.PATCH, "", { priority: "urgent" }],
    ] as const) {
      const answer = await call(handler, { method: sub ? "POST" : "PATCH", path: `${path}${sub ? `/${sub}` : ""}`, params, token: tokens.ana, body });
      expect(answer.status, sub).toBe(403);
    }
    expect(await snapshot(t.db)).toBe(afterReply);
    expect(fake.sent()).toHaveLength(1);
  });

  it("every changed route refuses an unknown field with 400 naming it, and changes nothing", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const params = { id: id! };
    const groupParams = { id: String(ids.financeiro) };
    const before = await snapshot(t.db);
    const attempts: [unknown, ApiCall][] = [
      [routes.assign.POST, { method: "POST", path: `/conversations/${id}/assign`, params, body: { userId: ids.elisa, notify: true } }],
      [routes.transfer.POST, { method: "POST", path: `/conversations/${id}/transfer`, params, body: { userId: null, reason: "x" } }],
      [routes.templates.POST, { method: "POST", path: `/conversations/${id}/templates`, params, body: { name: "hello", language: "pt_BR", parameters: [], privat: true } }],
      [routes.conversation.PATCH, { method: "PATCH", path: `/conversations/${id}`, params, body: { priority: "urgent", status: "closed" } }],
      [routes.status.PUT, { method: "PUT", path: "/me/status", body: { status: "offline", until: "tomorrow" } }],
      [routes.group.PATCH, { method: "PATCH", path: `/groups/${ids.financeiro}`, params: groupParams, body: { strategy: "balanced", stratgy: "manual" } }],
      [routes.group.PATCH, { method: "PATCH", path: `/groups/${ids.financeiro}`, params: groupParams, body: { groupId: 1 } }],
      [routes.users.POST, { method: "POST", path: "/users", body: { name: "X", email: "x@fila.test", role: "agent", password: "password-123456", admin: true } }],
      [routes.webhooks.POST, { method: "POST", path: "/webhooks", body: { url: "https://x.example/h", secret: "0123456789abcdef", events: ["message.created"], paused: true } }],
      [routes.managerGroups.POST, { method: "POST", path: "/manager/groups", body: { name: "Novo", color: "red" } }],
    ];
    for (const [handler, request] of attempts) {
      const answer = await call(handler, { ...request, token: tokens.manager });
      const unknown = Object.keys(request.body as object).at(-1)!;
      expect(answer.status, request.path).toBe(400);
      expect(answer.body.error.fields, request.path).toMatchObject({ [unknown]: "error.unknownField" });
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it("creations answer 201 (a user, a webhook endpoint, a group), an agent is refused 403 and creates nothing", async () => {
    const creations: [unknown, ApiCall][] = [
      [routes.users.POST, { method: "POST", path: "/users", body: { name: "Nova Pessoa", email: "nova@fila.test", role: "agent", password: "password-123456" } }],
      [routes.webhooks.POST, { method: "POST", path: "/webhooks", body: { url: "https://hooks.example/fila", secret: "0123456789abcdef", events: ["message.created"] } }],
      [routes.managerGroups.POST, { method: "POST", path: "/manager/groups", body: { name: "Grupo novo" } }],
    ];
    const before = await snapshot(t.db);
    for (const [handler, request] of creations) expect((await call(handler, { ...request, token: tokens.ana })).status, request.path).toBe(403);
    expect(await snapshot(t.db)).toBe(before);
    for (const [handler, request] of creations) {
      const answer = await call(handler, { ...request, token: tokens.manager });
      expect(answer.status, request.path).toBe(201);
    }
    // The same URL is registered once: the second is 409 naming url (no Idempotency-Key: a new request).
    const again = await call(routes.webhooks.POST, { ...creations[1]![1], token: tokens.manager });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", fields: { url: "webhooks.invalid.duplicateUrl" } });
  });
});
