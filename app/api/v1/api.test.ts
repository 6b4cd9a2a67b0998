// The public API (docs/behaviour.md#public-api), called as a program calls it: a bearer token (or the
// session), each endpoint's happy path, and its refusals — 401 without credentials or
// with a revoked token, 403 for an agent where a manager is needed or outside their
// groups, 404 for what does not exist, 400 with fields for bad input, Idempotency-Key.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiTokens, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { createApiToken, revokeApiToken } from "@/lib/api/tokens";
import type { SessionUser } from "@/lib/auth/session";
import { setAgentStatus } from "@/lib/distribution";
import { createUser } from "@/lib/team";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { callRoute, type ApiCall } from "@/test/api-client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations, snapshot } from "@/test/groups-fixtures";
import { testGraphConfig } from "@/test/whatsapp-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const routes = {
  conversations: await import("./conversations/route"),
  conversation: await import("./conversations/[id]/route"),
  messages: await import("./conversations/[id]/messages/route"),
  take: await import("./conversations/[id]/take/route"),
  assign: await import("./conversations/[id]/assign/route"),
  transfer: await import("./conversations/[id]/transfer/route"),
  close: await import("./conversations/[id]/close/route"),
  me: await import("./me/route"),
  status: await import("./me/status/route"),
  groups: await import("./groups/route"),
  group: await import("./groups/[id]/route"),
  member: await import("./groups/[id]/members/[userId]/route"),
  users: await import("./users/route"),
  user: await import("./users/[id]/route"),
  webhooks: await import("./webhooks/route"),
  webhook: await import("./webhooks/[id]/route"),
  webhookTest: await import("./webhooks/[id]/test/route"),
  webhookDeliveries: await import("./webhooks/[id]/deliveries/route"),
  openapi: await import("./openapi.json/route"),
};

let t: TestDatabase;
let fake: FakeGraph;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  fake = await startFakeGraph();
  state.graph = testGraphConfig(fake);
  for (const handle of ["manager", "ana", "elisa", "fabio", "diego"]) {
    const actor = await actorOf(t.db, handle);
    ids[handle] = actor.id;
    tokens[handle] = (await createApiToken(t.db, actor, { name: `${handle}'s script`, password: DEMO_PASSWORD })).token;
  }
  ids.financeiro = await findGroupId(t.db, "Financeiro");
  ids.vendas = await findGroupId(t.db, "Vendas");
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

type Handler = Parameters<typeof callRoute>[0];
const call = (handler: unknown, request: ApiCall) => callRoute(handler as Handler, request);

describe("authentication", () => {
  it("401 without a session or token, or with a revoked one, on every endpoint, and nothing changes", async () => {
    state.user = null;
    const manager = await actorOf(t.db, "manager");
    const revoked = await createApiToken(t.db, manager, { name: "revoked", password: DEMO_PASSWORD });
    await revokeApiToken(t.db, manager, { tokenId: revoked.apiToken.id });
    const before = await snapshot(t.db);
    const attempts: [unknown, ApiCall][] = [
      [routes.conversations.GET, { path: "/conversations" }],
      [routes.conversation.GET, { path: "/conversations/1", params: { id: "1" } }],
      [routes.messages.GET, { path: "/conversations/1/messages", params: { id: "1" } }],
      [routes.messages.POST, { method: "POST", path: "/conversations/1/messages", params: { id: "1" }, body: { text: "hi" } }],
      [routes.take.POST, { method: "POST", path: "/conversations/1/take", params: { id: "1" } }],
      [routes.assign.POST, { method: "POST", path: "/conversations/1/assign", params: { id: "1" }, body: { userId: 1 } }],
      [routes.transfer.POST, { method: "POST", path: "/conversations/1/transfer", params: { id: "1" }, body: { userId: null } }],
      [routes.close.POST, { method: "POST", path: "/conversations/1/close", params: { id: "1" } }],
      [routes.me.GET, { path: "/me" }],
      [routes.status.PUT, { method: "PUT", path: "/me/status", body: { status: "online" } }],
      [routes.groups.GET, { path: "/groups" }],
      [routes.group.GET, { path: "/groups/1", params: { id: "1" } }],
      [routes.group.PATCH, { method: "PATCH", path: "/groups/1", params: { id: "1" }, body: { strategy: "balanced" } }],
      [routes.member.PUT, { method: "PUT", path: "/groups/1/members/2", params: { id: "1", userId: "2" } }],
      [routes.member.DELETE, { method: "DELETE", path: "/groups/1/members/2", params: { id: "1", userId: "2" } }],
      [routes.users.GET, { path: "/users" }],
      [routes.users.POST, { method: "POST", path: "/users", body: { name: "X", email: "x@fila.test", role: "agent", password: "password-1" } }],
      [routes.user.PATCH, { method: "PATCH", path: "/users/2", params: { id: "2" }, body: { role: "manager" } }],
      [routes.webhooks.GET, { path: "/webhooks" }],
      [routes.webhooks.POST, { method: "POST", path: "/webhooks", body: { url: "https://x.example/h", secret: "0123456789abcdef", events: ["message.created"] } }],
      [routes.webhook.DELETE, { method: "DELETE", path: "/webhooks/1", params: { id: "1" } }],
      [routes.webhookTest.POST, { method: "POST", path: "/webhooks/1/test", params: { id: "1" } }],
      [routes.webhookDeliveries.GET, { path: "/webhooks/1/deliveries", params: { id: "1" } }],
    ];
    for (const [handler, request] of attempts) {
      const anonymous = await call(handler, request);
      expect(anonymous.status, request.path).toBe(401);
      expect(anonymous.body.error).toMatchObject({ code: "unauthenticated", message: expect.any(String) });
      const forged = await call(handler, { ...request, token: "fila_not-a-real-token" });
      expect(forged.status, request.path).toBe(401);
      const withRevoked = await call(handler, { ...request, token: revoked.token });
      expect(withRevoked.status, request.path).toBe(401);
      expect(withRevoked.body.error.code).toBe("unauthenticated");
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it("a revoked token is refused at once; a deactivated user's token too; a demoted user's token loses the manager's rights", async () => {
    const actor = await actorOf(t.db, "fabio");
    const { token, apiToken } = await createApiToken(t.db, actor, { name: "to revoke", password: DEMO_PASSWORD });
    expect((await call(routes.me.GET, { path: "/me", token })).status).toBe(200);
    await revokeApiToken(t.db, actor, { tokenId: apiToken.id });
    const revoked = await call(routes.me.GET, { path: "/me", token });
    expect(revoked.status).toBe(401);

    const other = await createApiToken(t.db, actor, { name: "user deactivated", password: DEMO_PASSWORD });
    await t.db.update(users).set({ active: false }).where(eq(users.id, actor.id));
    expect((await call(routes.me.GET, { path: "/me", token: other.token })).status).toBe(401);
    // Reactivation brings the account back, not its tokens (issue 25 item 2).
    await t.db.update(users).set({ active: true }).where(eq(users.id, actor.id));
    expect((await call(routes.me.GET, { path: "/me", token: other.token })).status).toBe(401);
    // Every token of the user went with the deactivation; the tests after this one need a new one.
    expect((await call(routes.me.GET, { path: "/me", token: tokens.fabio })).status).toBe(401);
    tokens.fabio = (await createApiToken(t.db, actor, { name: "after reactivation", password: DEMO_PASSWORD })).token;
    expect((await call(routes.me.GET, { path: "/me", token: tokens.fabio })).status).toBe(200);

    const boss = await t.db.insert(users).values({ name: "Temp Boss", email: "boss@fila.test", passwordHash: await hashPassword(DEMO_PASSWORD), role: "manager" }).returning({ id: users.id });
    const bossToken = (await createApiToken(t.db, { id: boss[0]!.id, role: "manager" }, { name: "boss", password: DEMO_PASSWORD })).token;
    expect((await call(routes.groups.GET, { path: "/groups", token: bossToken })).status).toBe(200);
    await t.db.update(users).set({ role: "agent" }).where(eq(users.id, boss[0]!.id));
    expect((await call(routes.groups.GET, { path: "/groups", token: bossToken })).status).toBe(403);
  });

  it("stores only the token's hash and keeps its last use", async () => {
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, ids.manager!)).limit(1);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(tokens.manager!.slice(10));
    await call(routes.me.GET, { path: "/me", token: tokens.manager });
    const [used] = await t.db.select({ lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, row!.id));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  it("the session cookie works too, but not for a change sent from another site", async () => {
    state.user = { id: ids.manager!, role: "manager", name: "Manager", email: "manager@fila.test", status: "offline" };
    expect((await call(routes.me.GET, { path: "/me" })).body).toMatchObject({ id: ids.manager, role: "manager" });
    const crossSite = await call(routes.status.PUT, { method: "PUT", path: "/me/status", body: { status: "paused" }, headers: { origin: "https://evil.example", host: "localhost" } });
    expect(crossSite.status).toBe(403);
    const sameSite = await call(routes.status.PUT, { method: "PUT", path: "/me/status", body: { status: "offline" }, headers: { origin: "http://localhost", host: "localhost" } });
    expect(sameSite.status).toBe(200);
    state.user = null;
  });
});

describe("conversations", () => {
  it("lists a tab a page at a time with a keyset cursor", async () => {
    const queued = await queueConversations(t.db, ids.financeiro!, 3);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?tab=queue&groupId=${ids.financeiro}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await call(routes.conversations.GET, { path: `/conversations${query}`, token: tokens.elisa });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: number }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(queued));
    // Oldest first in the queue, across pages.
    expect(seen.slice(-3)).toEqual(queued);

    const bad = await call(routes.conversations.GET, { path: "/conversations?cursor=%%%&limit=0&status=weird", token: tokens.elisa });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["cursor", "limit", "status"]));
    // An agent asking for a group that is not theirs, or for the managers' tab.
    expect((await call(routes.conversations.GET, { path: `/conversations?tab=queue&groupId=${ids.vendas}`, token: tokens.elisa })).status).toBe(403);
    expect((await call(routes.conversations.GET, { path: "/conversations?tab=all", token: tokens.elisa })).status).toBe(403);
  });

  it("take, reply, transfer back to the queue, assign and close — each refusing whom docs/behaviour.md#people-and-permissions refuses", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const path = `/conversations/${id}`;
    const params = { id: id! };

    // Ana is not in Financeiro: she can neither see nor take it.
    expect((await call(routes.conversation.GET, { path, params, token: tokens.ana })).status).toBe(403);
    expect((await call(routes.take.POST, { method: "POST", path: `${path}/take`, params, token: tokens.ana })).status).toBe(403);
    expect((await call(routes.conversation.GET, { path: "/conversations/99999999", params: { id: "99999999" }, token: tokens.manager })).status).toBe(404);
    const badId = await call(routes.conversation.GET, { path: "/conversations/abc", params: { id: "abc" }, token: tokens.manager });
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields).toHaveProperty("conversationId");

    const taken = await call(routes.take.POST, { method: "POST", path: `${path}/take`, params, token: tokens.elisa });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: "assigned", assignee: { id: ids.elisa } });
    const again = await call(routes.take.POST, { method: "POST", path: `${path}/take`, params, token: tokens.fabio });
    expect(again.status).toBe(409);

    // Fabio is in the group but it is Elisa's: he may not reply.
    expect((await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.fabio, body: { text: "Oi" } })).status).toBe(403);
    const empty = await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.elisa, body: { text: "   " } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ text: "inbox.invalid.bodyEmpty" });
    const notJson = await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.elisa, body: "text=oi", headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(400);

    fake.reset();
    const reply = await call(routes.messages.POST, { method: "POST", path: `${path}/messages`, params, token: tokens.elisa, body: { text: "Olá! Em que posso ajudar?" } });
    expect(reply.status).toBe(201);
    expect(reply.body.messageId).toEqual(expect.any(Number));
    expect(fake.sent()).toHaveLength(1);
    const thread = await call(routes.messages.GET, { path: `${path}/messages`, params, token: tokens.elisa });
    expect(thread.body.map((m: { body: string }) => m.body)).toContain("Olá! Em que posso ajudar?");

    const badTransfer = await call(routes.transfer.POST, { method: "POST", path: `${path}/transfer`, params, token: tokens.elisa, body: { userId: "fabio" } });
    expect(badTransfer.status).toBe(400);
    expect(badTransfer.body.error.fields).toHaveProperty("userId");
    const requeued = await call(routes.transfer.POST, { method: "POST", path: `${path}/transfer`, params, token: tokens.elisa, body: { userId: null } });
    expect(requeued.body).toMatchObject({ status: "queued", assignee: null });

    // Assigning is for managers.
    expect((await call(routes.assign.POST, { method: "POST", path: `${path}/assign`, params, token: tokens.elisa, body: { userId: ids.fabio } })).status).toBe(403);
    const assigned = await call(routes.assign.POST, { method: "POST", path: `${path}/assign`, params, token: tokens.manager, body: { userId: ids.fabio } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: "assigned", assignee: { id: ids.fabio } });
    // Someone outside the group cannot be given it.
    const outsider = await call(routes.assign.POST, { method: "POST", path: `${path}/assign`, params, token: tokens.manager, body: { userId: ids.ana } });
    expect(outsider.status).toBe(409);

    expect((await call(routes.close.POST, { method: "POST", path: `${path}/close`, params, token: tokens.elisa })).status).toBe(403);
    const closed = await call(routes.close.POST, { method: "POST", path: `${path}/close`, params, token: tokens.fabio });
    expect(closed.body).toMatchObject({ status: "closed" });
  });

  it("an Idempotency-Key makes a retried reply send once", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const params = { id: id! };
    await call(routes.take.POST, { method: "POST", path: `/conversations/${id}/take`, params, token: tokens.fabio });
    fake.reset();
    const send = (text: string) =>
      call(routes.messages.POST, { method: "POST", path: `/conversations/${id}/messages`, params, token: tokens.fabio, body: { text }, headers: { "idempotency-key": "reply-1" } });
    const first = await send("Uma vez só");
    const retry = await send("Uma vez só");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(fake.sent()).toHaveLength(1);
    const reused = await send("Outra coisa");
    expect(reused.status).toBe(422);
    expect(reused.body.error.fields).toHaveProperty("Idempotency-Key");
  });

  it("a chunked 128 MB body with an Idempotency-Key is refused with 413 after the limit, never read whole or cloned (issue 25 item 4)", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    await call(routes.take.POST, { method: "POST", path: `/conversations/${id}/take`, params: { id: id! }, token: tokens.fabio });
    const piece = new Uint8Array(64 * 1024).fill(0x61);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 128 * 1024 * 1024) return controller.close();
        pulled += piece.byteLength;
        controller.enqueue(piece);
      },
    });
    const request = new Request(`http://localhost/api/v1/conversations/${id}/messages`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${tokens.fabio}`, "content-type": "application/json", "idempotency-key": "huge-1" },
      duplex: "half",
    } as RequestInit);
    const response = await routes.messages.POST(request, { params: Promise.resolve({ id: id! }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "too_large" } });
    expect(pulled).toBeLessThanOrEqual(256 * 1024);
    const [kept] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'huge-1'`);
    expect(kept!.n).toBe(0);
  });
});

describe("me", () => {
  it("GET /me and PUT /me/status", async () => {
    expect((await call(routes.me.GET, { path: "/me", token: tokens.diego })).body).toMatchObject({ id: ids.diego, role: "agent" });
    const online = await call(routes.status.PUT, { method: "PUT", path: "/me/status", token: tokens.diego, body: { status: "online" } });
    expect(online).toMatchObject({ status: 200, body: { status: "online" } });
    const bad = await call(routes.status.PUT, { method: "PUT", path: "/me/status", token: tokens.diego, body: { status: "busy" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("status");
    await setAgentStatus(t.db, { userId: ids.diego!, status: "offline" });
  });
});

describe("groups and users (managers)", () => {
  it("lists, reads and changes a group's strategy; an agent is refused and nothing changes", async () => {
    const before = await snapshot(t.db);
    for (const [handler, request] of [
      [routes.groups.GET, { path: "/groups" }],
      [routes.group.GET, { path: `/groups/${ids.financeiro}`, params: { id: String(ids.financeiro) } }],
      [routes.group.PATCH, { method: "PATCH", path: `/groups/${ids.financeiro}`, params: { id: String(ids.financeiro) }, body: { strategy: "balanced" } }],
      [routes.member.PUT, { method: "PUT", path: "/x", params: { id: String(ids.financeiro), userId: String(ids.ana) } }],
      [routes.member.DELETE, { method: "DELETE", path: "/x", params: { id: String(ids.financeiro), userId: String(ids.fabio) } }],
      [routes.users.GET, { path: "/users" }],
      [routes.users.POST, { method: "POST", path: "/users", body: { name: "X", email: "x@fila.test", role: "manager", password: "password-1" } }],
      [routes.webhooks.POST, { method: "POST", path: "/webhooks", body: { url: "http://127.0.0.1:9/x", secret: "0123456789abcdef", events: ["message.created"] } }],
    ] as [unknown, ApiCall][]) {
      const refused = await call(handler, { ...request, token: tokens.ana });
      expect(refused.status, request.path).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    expect(await snapshot(t.db)).toBe(before);

    const list = await call(routes.groups.GET, { path: "/groups", token: tokens.manager });
    expect(list.body.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(["Vendas", "Suporte", "Financeiro"]));
    const params = { id: String(ids.financeiro) };
    const changed = await call(routes.group.PATCH, { method: "PATCH", path: "/groups/x", params, token: tokens.manager, body: { strategy: "sequential", maxOpenPerAgent: 3 } });
    expect(changed.status).toBe(200);
    expect(changed.body.group).toMatchObject({ strategy: "sequential", maxOpenPerAgent: 3 });
    const read = await call(routes.group.GET, { path: "/groups/x", params, token: tokens.manager });
    expect(read.body.group).toMatchObject({ strategy: "sequential" });
    const bad = await call(routes.group.PATCH, { method: "PATCH", path: "/groups/x", params, token: tokens.manager, body: { strategy: "random", maxOpenPerAgent: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ strategy: "groups.invalid.strategy", maxOpenPerAgent: "groups.invalid.cap" });
    expect((await call(routes.group.GET, { path: "/groups/x", params: { id: "99999" }, token: tokens.manager })).status).toBe(404);
  });

  it("adds and removes a member", async () => {
    const params = { id: String(ids.financeiro), userId: String(ids.ana) };
    const added = await call(routes.member.PUT, { method: "PUT", path: "/x", params, token: tokens.manager });
    expect(added).toMatchObject({ status: 200, body: { changed: true } });
    expect((await call(routes.conversations.GET, { path: `/conversations?tab=queue&groupId=${ids.financeiro}`, token: tokens.ana })).status).toBe(200);
    const removed = await call(routes.member.DELETE, { method: "DELETE", path: "/x", params, token: tokens.manager });
    expect(removed).toMatchObject({ status: 200, body: { changed: true } });
    expect((await call(routes.conversations.GET, { path: `/conversations?tab=queue&groupId=${ids.financeiro}`, token: tokens.ana })).status).toBe(403);
    const bad = await call(routes.member.PUT, { method: "PUT", path: "/x", params: { id: String(ids.financeiro), userId: "-1" }, token: tokens.manager });
    expect(bad.status).toBe(400);
  });

  it("lists and creates users; a retried creation with the same Idempotency-Key creates one", async () => {
    const body = { name: "Gabriela", email: "gabriela@fila.test", role: "agent", password: "password-1" };
    const create = () => call(routes.users.POST, { method: "POST", path: "/users", token: tokens.manager, body, headers: { "idempotency-key": "new-gabriela" } });
    const first = await create();
    expect(first.status).toBe(201);
    const retry = await create();
    expect(retry.body).toEqual(first.body);
    const [count] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE email = 'gabriela@fila.test'`);
    expect(count!.n).toBe(1);
    const team = await call(routes.users.GET, { path: "/users", token: tokens.manager });
    expect(team.body.map((u: { email: string }) => u.email)).toContain("gabriela@fila.test");
    const bad = await call(routes.users.POST, { method: "POST", path: "/users", token: tokens.manager, body: { name: "", email: "nope", role: "boss", password: "x" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["name", "email", "role", "password"]));
  });
});

describe("PATCH /users/{id} (managers)", () => {
  it("changes a role; an agent is refused (403), an unknown id is 404, an unknown field or role is 400, and nothing changes", async () => {
    const { user: hugo } = await createUser(t.db, await actorOf(t.db, "manager"), { name: "Hugo", email: "hugo@fila.test", role: "agent", password: "password-1" });
    const path = `/users/${hugo.id}`;
    const params = { id: String(hugo.id) };
    const before = await snapshot(t.db);
    for (const [token, id] of [[tokens.ana, hugo.id], [tokens.ana, ids.manager], [tokens.elisa, ids.fabio]] as const) {
      const refused = await call(routes.user.PATCH, { method: "PATCH", path: `/users/${id}`, params: { id: String(id) }, token, body: { role: "manager" } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    const unknown = await call(routes.user.PATCH, { method: "PATCH", path: "/users/999999", params: { id: "999999" }, token: tokens.manager, body: { role: "manager" } });
    expect(unknown.status).toBe(404);
    const misspelt = await call(routes.user.PATCH, { method: "PATCH", path, params, token: tokens.manager, body: { role: "manager", rol: "manager" } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.fields).toEqual({ rol: "error.unknownField" });
    const badRole = await call(routes.user.PATCH, { method: "PATCH", path, params, token: tokens.manager, body: { role: "boss" } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.fields).toEqual({ role: "team.invalid.role" });
    const badId = await call(routes.user.PATCH, { method: "PATCH", path: "/users/x", params: { id: "x" }, token: tokens.manager, body: { role: "manager" } });
    expect(badId.status).toBe(400);
    const lastManager = await call(routes.user.PATCH, { method: "PATCH", path: `/users/${ids.manager}`, params: { id: String(ids.manager) }, token: tokens.manager, body: { role: "agent" } });
    expect(lastManager.status).toBe(400);
    expect(lastManager.body.error.fields).toEqual({ role: "team.invalid.lastManager" });
    expect(await snapshot(t.db)).toBe(before);

    const promoted = await call(routes.user.PATCH, { method: "PATCH", path, params, token: tokens.manager, body: { role: "manager" } });
    expect(promoted).toMatchObject({ status: 200, body: { changed: true, user: { id: hugo.id, role: "manager" } } });
    const demoted = await call(routes.user.PATCH, { method: "PATCH", path, params, token: tokens.manager, body: { role: "agent" } });
    expect(demoted.body).toMatchObject({ changed: true, user: { role: "agent" } });
  });
});

describe("webhooks (managers)", () => {
  it("registers an endpoint, queues a test event, shows its deliveries, deletes it", async () => {
    const body = { url: "https://crm.example.com/fila", secret: "s3cret-s3cret-s3cret", events: ["conversation.created", "message.created"] };
    const created = await call(routes.webhooks.POST, { method: "POST", path: "/webhooks", token: tokens.manager, body });
    expect(created.status).toBe(201);
    expect(created.body.endpoint).toMatchObject({ url: body.url, events: body.events });
    expect(JSON.stringify(created.body)).not.toContain(body.secret);
    const id = String(created.body.endpoint.id);

    const bad = await call(routes.webhooks.POST, { method: "POST", path: "/webhooks", token: tokens.manager, body: { url: "ftp://x", secret: "short", events: ["everything"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ url: "webhooks.invalid.url", secret: "webhooks.invalid.secret" });
    expect(bad.body.error.fields).toHaveProperty(["events.0"]);

    const listed = await call(routes.webhooks.GET, { path: "/webhooks", token: tokens.manager });
    expect(listed.body.map((e: { id: number }) => String(e.id))).toContain(id);
    const test = await call(routes.webhookTest.POST, { method: "POST", path: `/webhooks/${id}/test`, params: { id }, token: tokens.manager });
    expect(test.body.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    const log = await call(routes.webhookDeliveries.GET, { path: `/webhooks/${id}/deliveries`, params: { id }, token: tokens.manager });
    expect(log.body.items[0]).toMatchObject({ event: "webhook.test", state: "pending", deliveryId: test.body.deliveryId });

    expect((await call(routes.webhookTest.POST, { method: "POST", path: "/x", params: { id }, token: tokens.ana })).status).toBe(403);
    expect((await call(routes.webhook.DELETE, { method: "DELETE", path: "/x", params: { id }, token: tokens.ana })).status).toBe(403);
    expect((await call(routes.webhook.DELETE, { method: "DELETE", path: "/x", params: { id }, token: tokens.manager })).status).toBe(200);
    expect((await call(routes.webhook.DELETE, { method: "DELETE", path: "/x", params: { id }, token: tokens.manager })).status).toBe(404);
    expect((await call(routes.webhookDeliveries.GET, { path: "/x", params: { id }, token: tokens.manager })).status).toBe(404);
  });
});

describe("openapi.json", () => {
  it("is public", async () => {
    state.user = null;
    const document = await call(routes.openapi.GET, { path: "/openapi.json" });
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe("3.1.0");
  });
});
