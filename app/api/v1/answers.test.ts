// SPEC §10 "Described": each operation's answer is declared once as a zod schema
// (lib/inbox/answer-schemas.ts …), the OpenAPI document is generated from it, and here the
// real answers of a conversation's life (list, take, detail, reply, thread, transfer,
// assign, close) are validated against those same schemas: a field missing, of another
// type, or not declared fails.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { operations } from "@/lib/api/operations";
import { apiTestWorld, callRoute, type ApiCall } from "@/test/api-client";
import type { TestDatabase } from "@/test/database";
import { queueConversations } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const routes: Record<string, Record<string, unknown>> = {
  "/conversations": await import("./conversations/route"),
  "/conversations/{id}": await import("./conversations/[id]/route"),
  "/conversations/{id}/messages": await import("./conversations/[id]/messages/route"),
  "/conversations/{id}/take": await import("./conversations/[id]/take/route"),
  "/conversations/{id}/assign": await import("./conversations/[id]/assign/route"),
  "/conversations/{id}/transfer": await import("./conversations/[id]/transfer/route"),
  "/conversations/{id}/close": await import("./conversations/[id]/close/route"),
  "/conversations/{id}/reopen": await import("./conversations/[id]/reopen/route"),
  "/me": await import("./me/route"),
  "/groups": await import("./groups/route"),
  "/reports/service-levels": await import("./reports/service-levels/route"),
  "/webhooks": await import("./webhooks/route"),
  "/users": await import("./users/route"),
};

let t: TestDatabase;
let tokens: Record<string, string>;
let ids: Record<string, number>;
let close: () => Promise<unknown>;

beforeAll(async () => {
  ({ t, tokens, ids, close } = await apiTestWorld(state, ["manager", "ana", "elisa", "fabio"], "answers"));
});
afterAll(() => close());

/** Calls the documented operation and checks its status and that its answer is exactly its declared schema. */
async function callDocumented(method: string, path: string, request: Omit<ApiCall, "method" | "path"> & { path: string }, status = 200) {
  const operation = operations.find((o) => o.method === method && o.path === path);
  expect(operation?.answer, `${method} ${path} declares its answer`).toBeDefined();
  const handler = routes[path]![method.toUpperCase()] as Parameters<typeof callRoute>[0];
  const answer = await callRoute(handler, { ...request, method: method.toUpperCase() });
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status);
  const schema = operation!.answer as z.ZodType;
  const parsed = schema.safeParse(answer.body);
  expect(parsed.error?.issues ?? [], `${method} ${path}`).toEqual([]);
  // zod drops what it does not declare: an undeclared field makes these differ.
  expect(parsed.data, `${method} ${path} has no undeclared field`).toEqual(answer.body);
  return answer.body;
}

describe("answers are their declared schemas", () => {
  it("a conversation's life through the API", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const params = { id: id! };
    const at = `/conversations/${id}`;
    const queue = await callDocumented("get", "/conversations", { path: `/conversations?tab=queue&groupId=${ids.financeiro}`, token: tokens.elisa });
    expect(queue.items.map((item: { id: number }) => item.id)).toContain(Number(id));
    await callDocumented("post", "/conversations/{id}/take", { path: `${at}/take`, params, token: tokens.elisa });
    const mine = await callDocumented("get", "/conversations", { path: "/conversations?tab=mine&limit=1", token: tokens.elisa });
    expect(mine.items).toHaveLength(1);
    await callDocumented("get", "/conversations", { path: "/conversations?tab=all&q=a", token: tokens.manager });
    await callDocumented("post", "/conversations/{id}/messages", { path: `${at}/messages`, params, token: tokens.elisa, body: { text: "Olá!" } }, 201);
    const thread = await callDocumented("get", "/conversations/{id}/messages", { path: `${at}/messages`, params, token: tokens.elisa });
    expect(thread.at(-1)).toMatchObject({ body: "Olá!", direction: "out" });
    await callDocumented("patch", "/conversations/{id}", { path: at, params, token: tokens.elisa, body: { priority: "high" } });
    await callDocumented("post", "/conversations/{id}/transfer", { path: `${at}/transfer`, params, token: tokens.elisa, body: { userId: null } });
    await callDocumented("post", "/conversations/{id}/assign", { path: `${at}/assign`, params, token: tokens.manager, body: { userId: ids.fabio } });
    await callDocumented("get", "/conversations/{id}", { path: at, params, token: tokens.fabio });
    const closed = await callDocumented("post", "/conversations/{id}/close", { path: `${at}/close`, params, token: tokens.fabio });
    expect(closed.status).toBe("closed");
    expect(closed.can.reopen).toBe(true);

    // Reopened by a member of the group: it is hers; a second reopen finds it open.
    const reopened = await callDocumented("post", "/conversations/{id}/reopen", { path: `${at}/reopen`, params, token: tokens.elisa });
    expect(reopened).toMatchObject({ status: "assigned", assignee: { id: ids.elisa }, closedAt: null });
    const again = await callRoute(routes["/conversations/{id}/reopen"]!.POST as Parameters<typeof callRoute>[0], { method: "POST", path: `${at}/reopen`, params, token: tokens.elisa });
    expect(again.status).toBe(409);
  });

  it("reopen: an agent of another group, a bad id and an unknown one are refused, and nothing changes", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    await t.sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${Number(id)}`;
    const handler = routes["/conversations/{id}/reopen"]!.POST as Parameters<typeof callRoute>[0];
    const call = (param: string, token: string | undefined) => callRoute(handler, { method: "POST", path: `/conversations/${param}/reopen`, params: { id: param }, token });
    expect((await call(id!, tokens.ana)).status).toBe(403);
    expect((await call("abc", tokens.ana)).status).toBe(400);
    expect((await call("999999", tokens.elisa)).status).toBe(404);
    expect((await t.sql`SELECT status FROM conversations WHERE id = ${Number(id)}`)[0]).toEqual({ status: "closed" });
  });

  it("me, the groups and the service-level report; an agent is refused the managers' ones", async () => {
    const me = await callDocumented("get", "/me", { path: "/me", token: tokens.ana });
    expect(me).toMatchObject({ id: ids.ana, role: "agent" });
    const groups = await callDocumented("get", "/groups", { path: "/groups", token: tokens.manager });
    expect(groups.map((group: { id: number }) => group.id)).toContain(ids.financeiro);
    await t.sql`UPDATE channel_groups SET first_response_target_minutes = 5, resolution_target_minutes = 60`;
    await queueConversations(t.db, ids.financeiro!, 1);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const report = await callDocumented("get", "/reports/service-levels", { path: `/reports/service-levels?from=${from}&to=${to}`, token: tokens.manager });
    expect(report.groups.length).toBeGreaterThan(0);
    await callDocumented("post", "/webhooks", { path: "/webhooks", token: tokens.manager, body: { url: "https://hooks.example/answers", secret: "0123456789abcdef", events: ["conversation.created"] } }, 201);
    await queueConversations(t.db, ids.financeiro!, 1);
    const hooks = await callDocumented("get", "/webhooks", { path: "/webhooks", token: tokens.manager });
    expect(hooks[0]).toMatchObject({ url: "https://hooks.example/answers", events: ["conversation.created"] });
    await callDocumented("post", "/users", { path: "/users", token: tokens.manager, body: { name: "Nova Pessoa", email: "nova.answers@fila.test", role: "agent", password: "password-123456" } }, 201);
    const team = await callDocumented("get", "/users", { path: "/users", token: tokens.manager });
    expect(team.map((member: { email: string }) => member.email)).toContain("nova.answers@fila.test");
    for (const path of ["/groups", "/reports/service-levels", "/webhooks", "/users"]) {
      const handler = routes[path]!.GET as Parameters<typeof callRoute>[0];
      expect((await callRoute(handler, { path, token: tokens.ana })).status, path).toBe(403);
    }
  });

  it("an agent of another group is refused on each of them, with the conversation's id", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const params = { id: id! };
    for (const [method, path, body] of [
      ["GET", "/conversations/{id}", undefined],
      ["GET", "/conversations/{id}/messages", undefined],
      ["POST", "/conversations/{id}/take", undefined],
      ["POST", "/conversations/{id}/close", undefined],
    ] as const) {
      const handler = routes[path]![method] as Parameters<typeof callRoute>[0];
      const answer = await callRoute(handler, { method, path: path.replace("{id}", id!), params, token: tokens.ana, body });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
  });

  it("the document gives those operations their schemas, not `object`", () => {
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } };
    const described = operations.filter((o) => o.answer && !o.produces);
    expect(described.length).toBeGreaterThanOrEqual(16);
    for (const operation of described) {
      const responses = document.paths[operation.path]![operation.method]!.responses;
      const schema = (responses["200"] ?? responses["201"])!.content["application/json"]!.schema;
      expect(schema, `${operation.method} ${operation.path}`).not.toEqual({ type: "object" });
    }
    expect(document.paths["/conversations"]!.get!.responses["200"]!.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/ConversationPage" });
    expect(document.components.schemas).toHaveProperty("Conversation");
    expect(document.components.schemas).toHaveProperty("Message");
  });
});
