// SPEC §10 "Complete": every action of the interface has its endpoint, over the command its
// server action calls, under the same permissions. Each answer is validated against the
// schema its operation declares (as answers.test.ts does); each route is called by a user of
// another group with every id it takes (refused, nothing changes), and with an unknown field
// (400 naming it, nothing changes).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import type { FakeGraph } from "@/dev/fake-graph";
import { operations } from "@/lib/api/operations";
import { apiTestWorld, callRoute, type ApiCall } from "@/test/api-client";
import type { TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations, snapshot } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const routes: Record<string, Record<string, unknown>> = {
  "/conversations/{id}/notes": await import("./conversations/[id]/notes/route"),
  "/conversations/{id}/read": await import("./conversations/[id]/read/route"),
  "/conversations/{id}/contact": await import("./conversations/[id]/contact/route"),
  "/me/mentions/read": await import("./me/mentions/read/route"),
  "/canned-replies": await import("./canned-replies/route"),
  "/canned-replies/{id}": await import("./canned-replies/[id]/route"),
  "/me": await import("./me/route"),
  "/me/sign-out": await import("./me/sign-out/route"),
  "/users/{id}": await import("./users/[id]/route"),
  "/users/{id}/reset-password": await import("./users/[id]/reset-password/route"),
  "/users/{id}/unlock": await import("./users/[id]/unlock/route"),
  "/users/{id}/sign-out": await import("./users/[id]/sign-out/route"),
  "/me/tokens": await import("./me/tokens/route"),
  "/me/tokens/{id}": await import("./me/tokens/[id]/route"),
  "/users/{id}/tokens": await import("./users/[id]/tokens/route"),
  "/users/{id}/tokens/{tokenId}": await import("./users/[id]/tokens/[tokenId]/route"),
  "/groups/{id}/channels": await import("./groups/[id]/channels/route"),
  "/channels/{id}": await import("./channels/[id]/route"),
  "/channels/{id}/token": await import("./channels/[id]/token/route"),
  "/groups/{id}/members/{userId}": await import("./groups/[id]/members/[userId]/route"),
};

let t: TestDatabase;
let fake: FakeGraph;
let tokens: Record<string, string>;
let ids: Record<string, number>;
let close: () => Promise<unknown>;

beforeAll(async () => {
  ({ t, fake, tokens, ids, close } = await apiTestWorld(state, ["manager", "ana", "elisa", "fabio"], "interface-actions"));
  ids.vendas = await findGroupId(t.db, "Vendas");
});
afterAll(() => close());

type Call = Omit<ApiCall, "method"> & { token?: string };

const me = async (token: string) => (await call("get", "/me", { path: "/me", token })).status;
const unknownUser = (sub = "") => ({ path: `/users/999999${sub}`, params: { id: "999999" } });

/** Calls an operation as a client would (`path` the template, `call.path` the real one). */
function call(method: string, path: string, request: Call) {
  const handler = routes[path]?.[method.toUpperCase()] as Parameters<typeof callRoute>[0] | undefined;
  if (!handler) throw new Error(`no route ${method} ${path}`);
  return callRoute(handler, { ...request, method: method.toUpperCase() });
}

/** Calls the documented operation: its status, and its answer exactly its declared schema (nothing missing, nothing undeclared). */
async function callDocumented(method: string, path: string, request: Call, status = 200) {
  const operation = operations.find((o) => o.method === method && o.path === path);
  expect(operation?.answer, `${method} ${path} declares its answer`).toBeDefined();
  expect(Boolean(operation!.created), `${method} ${path} created`).toBe(status === 201);
  const answer = await call(method, path, request);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status);
  const parsed = (operation!.answer as z.ZodType).safeParse(answer.body);
  expect(parsed.error?.issues ?? [], `${method} ${path}`).toEqual([]);
  expect(parsed.data, `${method} ${path} has no undeclared field`).toEqual(answer.body);
  return answer.body;
}

/** Each call is refused with `status`, and the rows `state` reads are the same afterwards. */
async function refusedAll(attempts: [string, string, Call, number][], state: () => Promise<unknown>) {
  const before = JSON.stringify(await state());
  for (const [method, path, request, status] of attempts) {
    const answer = await call(method, path, request);
    expect(answer.status, `${method} ${request.path} ${JSON.stringify(request.body)}: ${JSON.stringify(answer.body).slice(0, 200)}`).toBe(status);
    expect(answer.body.ok, request.path).toBe(false);
  }
  expect(JSON.stringify(await state())).toBe(before);
}

let serial = 0;
/** A new agent of Financeiro with an API token of their own (the seeded users stay as they are). */
async function newAgent() {
  const { createUser } = await import("@/lib/team");
  const { createApiToken } = await import("@/lib/api/tokens");
  const { addGroupMember } = await import("@/lib/groups");
  const manager = await actorOf(t.db, "manager");
  const name = `Hugo ${++serial}`;
  const { user } = await createUser(t.db, manager, { name, email: `hugo${serial}@fila.test`, role: "agent", password: "password-hugo" });
  await addGroupMember(t.db, manager, { groupId: ids.financeiro!, userId: user.id });
  const { token } = await createApiToken(t.db, { id: user.id, role: "agent" }, { name: "hugo", password: "password-hugo" });
  return { id: user.id, name, token, at: (sub = "") => ({ path: `/users/${user.id}${sub}`, params: { id: String(user.id) } }) };
}

const rows = (query: ReturnType<typeof sql>) => t.db.execute(query).then((result) => [...result]);

describe("conversations: notes, read, contact; my mentions", () => {
  it("a note through the API is private: stored as internal, never sent to WhatsApp; mentions as the app does", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const params = { id: id! };
    fake.reset();
    const note = await callDocumented(
      "post",
      "/conversations/{id}/notes",
      { path: `/conversations/${id}/notes`, params, token: tokens.elisa, body: { text: "Só para a equipe: @Fábio Melo olha isto, @Ana Souza também", mentions: [ids.fabio, ids.ana] } },
      201,
    );
    expect(note.delivered).toEqual([{ id: ids.fabio, name: "Fábio Melo" }]);
    expect(note.undelivered).toEqual([{ id: ids.ana, name: "Ana Souza" }]);
    expect(await rows(sql`SELECT direction, type, author_user_id AS "author" FROM messages WHERE id = ${note.messageId}`)).toEqual([{ direction: "internal", type: "note", author: ids.elisa }]);
    expect(await rows(sql`SELECT user_id AS "userId" FROM mentions WHERE message_id = ${note.messageId}`)).toEqual([{ userId: ids.fabio }]);
    // Without mentions, on a closed conversation too (as in the app): still nothing goes out.
    await t.db.execute(sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${Number(id)}`);
    await callDocumented("post", "/conversations/{id}/notes", { path: `/conversations/${id}/notes`, params, token: tokens.elisa, body: { text: "encerrada, mas anotado" } }, 201);
    expect(fake.sent()).toEqual([]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${Number(id)} AND direction <> 'internal'`)).toEqual([{ n: 0 }]);
  });

  it("notes: another group's agent, absurd and unknown ids, unknown fields and bad text are refused, and nothing is written", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const path = "/conversations/{id}/notes";
    const at = (param: string) => ({ path: `/conversations/${param}/notes`, params: { id: param } });
    const text = { text: "oi" };
    fake.reset();
    await refusedAll(
      [
        ["post", path, { ...at(id!), token: tokens.ana, body: text }, 403],
        ["post", path, { ...at(id!), token: tokens.ana, body: { text: "oi @Fábio Melo", mentions: [ids.fabio] } }, 403],
        ["post", path, { ...at("abc"), token: tokens.elisa, body: text }, 400],
        ["post", path, { ...at("999999"), token: tokens.elisa, body: text }, 404],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { text: "oi", private: false } }, 400],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { text: "   " } }, 400],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { text: "oi", mentions: ["x"] } }, 400],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { text: "oi", mentions: Array.from({ length: 21 }, (_, i) => i + 1) } }, 400],
      ],
      () => rows(sql`SELECT (SELECT count(*) FROM messages) AS m, (SELECT count(*) FROM mentions) AS n`),
    );
    const unknown = await call("post", path, { ...at(id!), token: tokens.elisa, body: { text: "oi", private: false } });
    expect(unknown.body.error.fields).toEqual({ private: "error.unknownField" });
    expect(fake.sent()).toEqual([]);
  });

  it("read up to a message: mine drops; another group's agent, a message of another conversation and unknown ids are refused", async () => {
    const [id, other] = (await queueConversations(t.db, ids.financeiro!, 2)).map(String);
    const [vendas] = await queueConversations(t.db, ids.vendas!, 1);
    const message = async (conversationId: number) =>
      (await rows(sql`INSERT INTO messages (conversation_id, direction, type, body, author_type) VALUES (${conversationId}, 'in', 'text', 'olá', 'contact') RETURNING id::int`))[0]!.id as number;
    const messageId = await message(Number(id));
    const otherMessage = await message(Number(other));
    const vendasMessage = await message(vendas!);
    const path = "/conversations/{id}/read";
    const at = (param: string) => ({ path: `/conversations/${param}/read`, params: { id: param } });
    const reads = () => rows(sql`SELECT user_id, conversation_id, last_read_message_id FROM conversation_reads ORDER BY 1, 2`);
    await refusedAll(
      [
        ["post", path, { ...at(id!), token: tokens.ana, body: { messageId } }, 403],
        ["post", path, { ...at(String(vendas)), token: tokens.fabio, body: { messageId: vendasMessage } }, 403],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { messageId: otherMessage } }, 404],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { messageId: vendasMessage } }, 404],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { messageId: 2147483647 } }, 404],
        ["post", path, { ...at("999999"), token: tokens.elisa, body: { messageId } }, 404],
        ["post", path, { ...at("0"), token: tokens.elisa, body: { messageId } }, 400],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { messageId: "abc" } }, 400],
        ["post", path, { ...at(id!), token: tokens.elisa, body: { messageId, all: true } }, 400],
        ["post", path, { ...at(id!), token: tokens.elisa, body: {} }, 400],
      ],
      reads,
    );
    expect(await callDocumented("post", path, { ...at(id!), token: tokens.elisa, body: { messageId } })).toEqual({});
    expect(await rows(sql`SELECT last_read_message_id::int AS "last" FROM conversation_reads WHERE user_id = ${ids.elisa} AND conversation_id = ${Number(id)}`)).toEqual([{ last: messageId }]);
  });

  it("my mentions read: of one conversation or all, only mine; another group's agent with a conversation's id changes nothing", async () => {
    const [first, second] = (await queueConversations(t.db, ids.financeiro!, 2)).map(String);
    for (const id of [first!, second!]) {
      await call("post", "/conversations/{id}/notes", { path: `/conversations/${id}/notes`, params: { id }, token: tokens.elisa, body: { text: "@Fábio Melo veja", mentions: [ids.fabio] } });
    }
    const unread = () => rows(sql`SELECT conversation_id::int AS "conversationId" FROM mentions WHERE user_id = ${ids.fabio} AND read_at IS NULL AND conversation_id IN (${Number(first)}, ${Number(second)}) ORDER BY 1`);
    expect(await unread()).toHaveLength(2);
    const path = "/me/mentions/read";
    const before = JSON.stringify(await unread());
    // Ana may not see them: her call with their id marks none of hers, and none of Fábio's.
    expect(await callDocumented("post", path, { path, token: tokens.ana, body: { conversationId: Number(first) } })).toEqual({ marked: 0 });
    expect(JSON.stringify(await unread())).toBe(before);
    await refusedAll(
      [
        ["post", path, { path, token: tokens.fabio, body: { conversationId: "abc" } }, 400],
        ["post", path, { path, token: tokens.fabio, body: { conversationId: Number(first), everyone: true } }, 400],
        ["post", path, { path, token: tokens.fabio, body: "[]" }, 400],
      ],
      unread,
    );
    expect(await callDocumented("post", path, { path, token: tokens.fabio, body: { conversationId: Number(first) } })).toEqual({ marked: 1 });
    expect(await unread()).toEqual([{ conversationId: Number(second) }]);
    // No body at all: every one of mine.
    const all = await callDocumented("post", path, { path, token: tokens.fabio });
    expect(all.marked).toBeGreaterThanOrEqual(1);
    expect(await unread()).toEqual([]);
  });

  it("the contact: only the fields present change; another group's agent and unknown ids are refused", async () => {
    const [id] = (await queueConversations(t.db, ids.financeiro!, 1)).map(String);
    const [vendas] = await queueConversations(t.db, ids.vendas!, 1);
    const path = "/conversations/{id}/contact";
    const at = (param: string) => ({ path: `/conversations/${param}/contact`, params: { id: param } });
    const contact = () => rows(sql`SELECT ct.display_name, ct.note FROM contacts ct JOIN conversations c ON c.contact_id = ct.id WHERE c.id IN (${Number(id)}, ${vendas!}) ORDER BY c.id`);
    const named = await callDocumented("patch", path, { ...at(id!), token: tokens.elisa, body: { displayName: "  Dona Rita " } });
    expect(named).toMatchObject({ displayName: "Dona Rita", name: "Dona Rita", note: null });
    const noted = await callDocumented("patch", path, { ...at(id!), token: tokens.elisa, body: { note: "Prefere e-mail" } });
    expect(noted).toMatchObject({ displayName: "Dona Rita", note: "Prefere e-mail" });
    const cleared = await callDocumented("patch", path, { ...at(id!), token: tokens.manager, body: { displayName: "" } });
    expect(cleared).toMatchObject({ displayName: null, note: "Prefere e-mail" });
    await refusedAll(
      [
        ["patch", path, { ...at(id!), token: tokens.ana, body: { note: "x" } }, 403],
        ["patch", path, { ...at(String(vendas)), token: tokens.fabio, body: { displayName: "x" } }, 403],
        ["patch", path, { ...at("999999"), token: tokens.elisa, body: { note: "x" } }, 404],
        ["patch", path, { ...at("1.5"), token: tokens.elisa, body: { note: "x" } }, 400],
        ["patch", path, { ...at(id!), token: tokens.elisa, body: { note: "x", phone: "5511" } }, 400],
        ["patch", path, { ...at(id!), token: tokens.elisa, body: { displayName: "a".repeat(101) } }, 400],
        ["patch", path, { ...at(id!), token: tokens.elisa, body: { displayName: 7 } }, 400],
      ],
      contact,
    );
  });
});

describe("canned replies (managers)", () => {
  const cannedRows = () => rows(sql`SELECT id, group_id, shortcut, body FROM canned_replies ORDER BY id`);

  it("create (201), replace and delete, each answer its schema; the audit has each", async () => {
    const created = await callDocumented("post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { groupId: ids.vendas, shortcut: "/Prazo", body: "Olá {{contact.name}}, entregamos em 3 dias." } }, 201);
    expect(created).toMatchObject({ groupId: ids.vendas, groupName: "Vendas", shortcut: "prazo" });
    const global = await callDocumented("post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { shortcut: "oi", body: "Oi!" } }, 201);
    expect(global).toMatchObject({ groupId: null, groupName: null });
    const params = { id: String(created.id) };
    const replaced = await callDocumented("put", "/canned-replies/{id}", { path: `/canned-replies/${created.id}`, params, token: tokens.manager, body: { groupId: null, shortcut: "prazo", body: "Entregamos em 2 dias." } });
    expect(replaced).toMatchObject({ id: created.id, groupId: null, body: "Entregamos em 2 dias." });
    expect(await callDocumented("delete", "/canned-replies/{id}", { path: `/canned-replies/${created.id}`, params, token: tokens.manager })).toEqual({ deleted: created.id });
    expect(await rows(sql`SELECT id FROM canned_replies WHERE id = ${created.id}`)).toEqual([]);
    expect(await rows(sql`SELECT action FROM audit_log WHERE entity = 'canned_reply' AND entity_id = ${created.id} ORDER BY id`)).toEqual([{ action: "create" }, { action: "update" }, { action: "delete" }]);
    // A second delete finds nothing.
    expect((await call("delete", "/canned-replies/{id}", { path: `/canned-replies/${created.id}`, params, token: tokens.manager })).status).toBe(404);
  });

  it("an agent (of another group than the reply's, or of its own) is refused with every id; bad bodies and ids change nothing", async () => {
    const reply = await callDocumented("post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { groupId: ids.vendas, shortcut: "vendas-1", body: "Olá!" } }, 201);
    const own = { path: `/canned-replies/${reply.id}`, params: { id: String(reply.id) } };
    const body = { groupId: ids.vendas, shortcut: "vendas-1", body: "Mudado" };
    await refusedAll(
      [
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.fabio, body: { groupId: ids.vendas, shortcut: "x", body: "x" } }, 403],
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.fabio, body: { groupId: ids.financeiro, shortcut: "x", body: "x" } }, 403],
        ["put", "/canned-replies/{id}", { ...own, token: tokens.fabio, body }, 403],
        ["put", "/canned-replies/{id}", { ...own, token: tokens.ana, body }, 403],
        ["delete", "/canned-replies/{id}", { ...own, token: tokens.fabio }, 403],
        ["delete", "/canned-replies/{id}", { ...own, token: tokens.ana }, 403],
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { groupId: 999999, shortcut: "x", body: "x" } }, 400],
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { shortcut: "x", body: "x", text: "y" } }, 400],
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { shortcut: "com espaço", body: "x" } }, 400],
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { shortcut: "vendas-1", groupId: ids.vendas, body: "de novo" } }, 400],
        ["post", "/canned-replies", { path: "/canned-replies", token: tokens.manager, body: { shortcut: "x", body: "{{contact.cpf}}" } }, 400],
        ["put", "/canned-replies/{id}", { ...own, token: tokens.manager, body: { shortcut: "vendas-1", body: "sem grupo dito" } }, 400],
        ["put", "/canned-replies/{id}", { ...own, token: tokens.manager, body: { ...body, id: 1 } }, 400],
        ["put", "/canned-replies/{id}", { ...own, token: tokens.manager, body: { ...body, groupId: 999999 } }, 400],
        ["put", "/canned-replies/{id}", { path: "/canned-replies/999999", params: { id: "999999" }, token: tokens.manager, body }, 404],
        ["put", "/canned-replies/{id}", { path: "/canned-replies/abc", params: { id: "abc" }, token: tokens.manager, body }, 400],
        ["delete", "/canned-replies/{id}", { path: "/canned-replies/999999", params: { id: "999999" }, token: tokens.manager }, 404],
        ["delete", "/canned-replies/{id}", { path: "/canned-replies/-1", params: { id: "-1" }, token: tokens.manager }, 400],
      ],
      cannedRows,
    );
    const unknown = await call("put", "/canned-replies/{id}", { ...own, token: tokens.manager, body: { ...body, id: 1 } });
    expect(unknown.body.error.fields).toEqual({ id: "error.unknownField" });
  });
});

describe("the team (managers): role and active, password, unlock, sign out; and my own sign-out", () => {

  it("PATCH /users/{id}: deactivate (open conversations requeued, token ends), reactivate with a new role; refusals change nothing", async () => {
    const hugo = await newAgent();
    const [open] = await queueConversations(t.db, ids.financeiro!, 1);
    await t.db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${hugo.id} WHERE id = ${open!}`);
    const path = "/users/{id}";
    await refusedAll(
      [
        ["patch", path, { ...hugo.at(), token: tokens.fabio, body: { active: false } }, 403],
        ["patch", path, { ...hugo.at(), token: tokens.ana, body: { active: false } }, 403],
        ["patch", path, { ...hugo.at(), token: hugo.token, body: { role: "manager" } }, 403],
        ["patch", path, { ...unknownUser(), token: tokens.manager, body: { active: false } }, 404],
        ["patch", path, { ...unknownUser(), token: tokens.manager, body: { role: "manager" } }, 404],
        ["patch", path, { path: "/users/abc", params: { id: "abc" }, token: tokens.manager, body: { active: false } }, 400],
        ["patch", path, { ...hugo.at(), token: tokens.manager, body: {} }, 400],
        ["patch", path, { ...hugo.at(), token: tokens.manager, body: { active: "no" } }, 400],
        ["patch", path, { ...hugo.at(), token: tokens.manager, body: { active: false, actve: false } }, 400],
        ["patch", path, { path: `/users/${ids.manager}`, params: { id: String(ids.manager) }, token: tokens.manager, body: { active: false } }, 400],
      ],
      () => snapshot(t.db),
    );
    expect(await me(hugo.token)).toBe(200);
    const off = await callDocumented("patch", path, { ...hugo.at(), token: tokens.manager, body: { active: false } });
    expect(off).toEqual({ user: { id: hugo.id, name: hugo.name, email: `hugo${serial}@fila.test`, role: "agent", active: false }, changed: true, requeued: 1 });
    expect(await rows(sql`SELECT status, assignee_id AS "assigneeId" FROM conversations WHERE id = ${open!}`)).toEqual([{ status: "queued", assigneeId: null }]);
    expect(await me(hugo.token)).toBe(401);
    const back = await callDocumented("patch", path, { ...hugo.at(), token: tokens.manager, body: { role: "manager", active: true } });
    expect(back).toMatchObject({ user: { role: "manager", active: true }, changed: true, requeued: 0 });
    const again = await callDocumented("patch", path, { ...hugo.at(), token: tokens.manager, body: { active: true } });
    expect(again).toMatchObject({ changed: false, requeued: 0 });
    // Reactivation brings no token back.
    expect(await me(hugo.token)).toBe(401);
  });

  it("reset-password: the manager's new password; the user's token ends; refused to agents and for unknown ids", async () => {
    const hugo = await newAgent();
    const path = "/users/{id}/reset-password";
    await refusedAll(
      [
        ["post", path, { ...hugo.at("/reset-password"), token: tokens.fabio, body: { password: "new-password-1" } }, 403],
        ["post", path, { ...hugo.at("/reset-password"), token: tokens.ana, body: { password: "new-password-1" } }, 403],
        ["post", path, { ...unknownUser("/reset-password"), token: tokens.manager, body: { password: "new-password-1" } }, 404],
        ["post", path, { ...hugo.at("/reset-password"), token: tokens.manager, body: { password: "short" } }, 400],
        ["post", path, { ...hugo.at("/reset-password"), token: tokens.manager, body: { password: "new-password-1", notify: true } }, 400],
        ["post", path, { ...hugo.at("/reset-password"), token: tokens.manager, body: {} }, 400],
      ],
      () => snapshot(t.db),
    );
    expect(await me(hugo.token)).toBe(200);
    const answer = await callDocumented("post", path, { ...hugo.at("/reset-password"), token: tokens.manager, body: { password: "new-password-1" } });
    expect(answer).toMatchObject({ user: { id: hugo.id, active: true } });
    expect(JSON.stringify(answer)).not.toContain("new-password-1");
    expect(await me(hugo.token)).toBe(401);
    const { verifyPassword } = await import("@/lib/auth/password");
    const [row] = await rows(sql`SELECT password_hash AS hash FROM users WHERE id = ${hugo.id}`);
    expect(await verifyPassword(row!.hash as string, "new-password-1")).toBe(true);
  });

  it("unlock: lifts the sign-in lock; refused to agents and for unknown ids", async () => {
    const hugo = await newAgent();
    const { accountLockedUntil, ACCOUNT_MAX_FAILURES, recordFailure } = await import("@/lib/auth/throttle");
    const email = `hugo${serial}@fila.test`;
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await recordFailure(t.db, email, null);
    expect(await accountLockedUntil(t.db, email)).not.toBeNull();
    const path = "/users/{id}/unlock";
    await refusedAll(
      [
        ["post", path, { ...hugo.at("/unlock"), token: tokens.fabio }, 403],
        ["post", path, { ...hugo.at("/unlock"), token: tokens.ana }, 403],
        ["post", path, { ...unknownUser("/unlock"), token: tokens.manager }, 404],
        ["post", path, { path: "/users/0/unlock", params: { id: "0" }, token: tokens.manager }, 400],
      ],
      async () => [await snapshot(t.db), await accountLockedUntil(t.db, email)],
    );
    expect(await callDocumented("post", path, { ...hugo.at("/unlock"), token: tokens.manager })).toEqual({ user: { id: hugo.id, name: hugo.name } });
    expect(await accountLockedUntil(t.db, email)).toBeNull();
  });

  it("sign-out of a user (managers) and of oneself: the tokens end; refused to agents and for unknown ids", async () => {
    const hugo = await newAgent();
    const other = await newAgent();
    const path = "/users/{id}/sign-out";
    await refusedAll(
      [
        ["post", path, { ...hugo.at("/sign-out"), token: tokens.fabio }, 403],
        ["post", path, { ...hugo.at("/sign-out"), token: tokens.ana }, 403],
        ["post", path, { ...hugo.at("/sign-out"), token: other.token }, 403],
        ["post", path, { ...unknownUser("/sign-out"), token: tokens.manager }, 404],
      ],
      async () => [await snapshot(t.db), await me(hugo.token)],
    );
    expect(await callDocumented("post", path, { ...hugo.at("/sign-out"), token: tokens.manager })).toEqual({ user: { id: hugo.id, name: hugo.name } });
    expect(await me(hugo.token)).toBe(401);
    expect(await me(other.token)).toBe(200);
    expect(await callDocumented("post", "/me/sign-out", { path: "/me/sign-out", token: other.token })).toEqual({});
    expect(await me(other.token)).toBe(401);
    expect(await me(tokens.manager!)).toBe(200);
  });
});

describe("API tokens: mine, and (managers) anyone's", () => {
  const tokenRows = () => rows(sql`SELECT id, user_id, name, revoked_at IS NOT NULL AS revoked FROM api_tokens ORDER BY id`);

  it("my own: list, create (201, shown once, works), revoke (then 401); another's token id is not found, even to a manager", async () => {
    const hugo = await newAgent();
    const mine = await callDocumented("get", "/me/tokens", { path: "/me/tokens", token: hugo.token });
    expect(mine).toHaveLength(1);
    const created = await callDocumented("post", "/me/tokens", { path: "/me/tokens", token: hugo.token, body: { name: "CRM", password: "password-hugo" } }, 201);
    expect(created.token).toMatch(/^fila_/);
    expect(created.apiToken).toMatchObject({ userId: hugo.id, name: "CRM", revokedAt: null });
    expect(await me(created.token)).toBe(200);
    const listed = await callDocumented("get", "/me/tokens", { path: "/me/tokens", token: hugo.token });
    expect(listed.map((token: { id: number }) => token.id)).toEqual([created.apiToken.id, mine[0].id]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const id = String(created.apiToken.id);
    await refusedAll(
      [
        ["delete", "/me/tokens/{id}", { path: `/me/tokens/${id}`, params: { id }, token: tokens.manager }, 404],
        ["delete", "/me/tokens/{id}", { path: `/me/tokens/${id}`, params: { id }, token: tokens.fabio }, 404],
        ["delete", "/me/tokens/{id}", { path: "/me/tokens/999999", params: { id: "999999" }, token: hugo.token }, 404],
        ["delete", "/me/tokens/{id}", { path: "/me/tokens/abc", params: { id: "abc" }, token: hugo.token }, 400],
        ["post", "/me/tokens", { path: "/me/tokens", token: hugo.token, body: { name: "x", password: "wrong-password" } }, 400],
        ["post", "/me/tokens", { path: "/me/tokens", token: hugo.token, body: { name: "x", password: "password-hugo", userId: ids.manager } }, 400],
        ["post", "/me/tokens", { path: "/me/tokens", token: hugo.token, body: { name: " ", password: "password-hugo" } }, 400],
      ],
      tokenRows,
    );
    const revoked = await callDocumented("delete", "/me/tokens/{id}", { path: `/me/tokens/${id}`, params: { id }, token: hugo.token });
    expect(revoked.apiToken).toMatchObject({ id: created.apiToken.id, revokedReason: "revoked" });
    expect(revoked.apiToken.revokedAt).not.toBeNull();
    expect(await me(created.token)).toBe(401);
    expect(await me(hugo.token)).toBe(200);
  });

  it("anyone's (managers): list, create for them, revoke; agents are refused with every id; a token of someone else under a user is not found", async () => {
    const hugo = await newAgent();
    const other = await newAgent();
    const { DEMO_PASSWORD } = await import("@/db/seed");
    const [hugoToken] = await callDocumented("get", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: tokens.manager });
    const [otherToken] = await callDocumented("get", "/users/{id}/tokens", { ...other.at("/tokens"), token: tokens.manager });
    const revokePath = "/users/{id}/tokens/{tokenId}";
    const revoke = (userId: number | string, tokenId: number | string) => ({ path: `/users/${userId}/tokens/${tokenId}`, params: { id: String(userId), tokenId: String(tokenId) } });
    await refusedAll(
      [
        ["get", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: tokens.fabio }, 403],
        ["get", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: other.token }, 403],
        ["get", "/users/{id}/tokens", { ...unknownUser("/tokens"), token: tokens.manager }, 404],
        ["post", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: tokens.ana, body: { name: "x", password: DEMO_PASSWORD } }, 403],
        ["post", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: other.token, body: { name: "x", password: "password-hugo" } }, 403],
        ["post", "/users/{id}/tokens", { ...unknownUser("/tokens"), token: tokens.manager, body: { name: "x", password: DEMO_PASSWORD } }, 404],
        ["post", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: tokens.manager, body: { name: "x", password: DEMO_PASSWORD, expires: "never" } }, 400],
        ["delete", revokePath, { ...revoke(hugo.id, hugoToken.id), token: tokens.fabio }, 403],
        ["delete", revokePath, { ...revoke(hugo.id, hugoToken.id), token: other.token }, 403],
        ["delete", revokePath, { ...revoke(hugo.id, otherToken.id), token: tokens.manager }, 404],
        ["delete", revokePath, { ...revoke(999999, hugoToken.id), token: tokens.manager }, 404],
        ["delete", revokePath, { ...revoke(hugo.id, 999999), token: tokens.manager }, 404],
        ["delete", revokePath, { ...revoke(hugo.id, "1e3"), token: tokens.manager }, 400],
      ],
      tokenRows,
    );
    const created = await callDocumented("post", "/users/{id}/tokens", { ...hugo.at("/tokens"), token: tokens.manager, body: { name: "Integração", password: DEMO_PASSWORD } }, 201);
    expect(created.apiToken).toMatchObject({ userId: hugo.id, name: "Integração" });
    expect(await me(created.token)).toBe(200);
    const revoked = await callDocumented("delete", revokePath, { ...revoke(hugo.id, created.apiToken.id), token: tokens.manager });
    expect(revoked.apiToken).toMatchObject({ id: created.apiToken.id, revokedReason: "revoked" });
    expect(await me(created.token)).toBe(401);
    expect(await me(hugo.token)).toBe(200);
  });
});

describe("numbers and members' caps (managers)", () => {
  const channelOf = async (groupId: number) => ((await rows(sql`SELECT min(id)::int AS id FROM channels WHERE group_id = ${groupId}`))[0]!.id as number);

  it("add a number (201), move it, its account, its menu, off and on, a new token: each answer its schema, the token never sent back", async () => {
    const added = await callDocumented("post", "/groups/{id}/channels", { path: `/groups/${ids.financeiro}/channels`, params: { id: String(ids.financeiro) }, token: tokens.manager, body: { displayNumber: "+55 11 4000-0099", phoneNumberId: "100000000000099" } }, 201);
    expect(added).toMatchObject({ groupId: ids.financeiro, tokenSet: false, active: true, menu: null });
    const at = { path: `/channels/${added.id}`, params: { id: String(added.id) } };
    const patch = (body: object) => callDocumented("patch", "/channels/{id}", { ...at, token: tokens.manager, body });
    expect(await patch({ groupId: ids.vendas })).toMatchObject({ channel: { groupId: ids.vendas }, changed: true });
    expect(await patch({ groupId: ids.vendas })).toMatchObject({ changed: false });
    expect(await patch({ wabaId: "200000000000009", active: false })).toMatchObject({ channel: { wabaId: "200000000000009", active: false }, changed: true });
    const menu = { question: "Com quem quer falar?", options: [{ label: "Vendas", groupId: ids.vendas }, { label: "Financeiro", groupId: ids.financeiro, priority: "high" }], defaultGroupId: ids.vendas };
    const withMenu = await patch({ menu, active: true });
    expect(withMenu.channel.menu).toMatchObject({ ...menu, timeoutMinutes: 10, textOnly: false, language: "pt-BR" });
    expect(withMenu.channel.active).toBe(true);
    expect(await patch({ menu: null })).toMatchObject({ channel: { menu: null }, changed: true });
    const secret = "EAAB-new-token-0123456789";
    const withToken = await callDocumented("put", "/channels/{id}/token", { path: `/channels/${added.id}/token`, params: at.params, token: tokens.manager, body: { accessToken: secret } });
    expect(withToken).toMatchObject({ id: added.id, tokenSet: true, tokenInvalidAt: null });
    expect(JSON.stringify(withToken)).not.toContain(secret);
    expect(await rows(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'channel' AND entity_id = ${added.id}`)).toEqual([{ n: 8 }]);
  });

  it("agents (of the number's group or another) are refused with every id; unknown ids and fields change nothing", async () => {
    const vendasChannel = await channelOf(ids.vendas!);
    const financeiroChannel = await channelOf(ids.financeiro!);
    const channel = (id: number | string, sub = "") => ({ path: `/channels/${id}${sub}`, params: { id: String(id) } });
    const group = (id: number | string) => ({ path: `/groups/${id}/channels`, params: { id: String(id) } });
    const number = { displayNumber: "+55 11 4000-0098", phoneNumberId: "100000000000098" };
    const menu = { question: "Quem?", options: [{ label: "A", groupId: ids.vendas }, { label: "B", groupId: ids.financeiro }], defaultGroupId: ids.vendas };
    await refusedAll(
      [
        ["post", "/groups/{id}/channels", { ...group(ids.vendas!), token: tokens.fabio, body: number }, 403],
        ["post", "/groups/{id}/channels", { ...group(ids.financeiro!), token: tokens.ana, body: number }, 403],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.fabio, body: { active: false } }, 403],
        ["patch", "/channels/{id}", { ...channel(financeiroChannel), token: tokens.ana, body: { groupId: ids.vendas } }, 403],
        ["patch", "/channels/{id}", { ...channel(financeiroChannel), token: tokens.elisa, body: { active: false } }, 403],
        ["put", "/channels/{id}/token", { ...channel(vendasChannel, "/token"), token: tokens.fabio, body: { accessToken: "EAAB-0123456789" } }, 403],
        ["put", "/channels/{id}/token", { ...channel(financeiroChannel, "/token"), token: tokens.ana, body: { accessToken: "EAAB-0123456789" } }, 403],
        ["post", "/groups/{id}/channels", { ...group(999999), token: tokens.manager, body: number }, 404],
        ["post", "/groups/{id}/channels", { ...group("x"), token: tokens.manager, body: number }, 400],
        ["post", "/groups/{id}/channels", { ...group(ids.vendas!), token: tokens.manager, body: { ...number, phoneNumberId: "100000000000001" } }, 400],
        ["post", "/groups/{id}/channels", { ...group(ids.vendas!), token: tokens.manager, body: { ...number, groupId: ids.vendas } }, 400],
        ["patch", "/channels/{id}", { ...channel(999999), token: tokens.manager, body: { active: false } }, 404],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: { groupId: 999999 } }, 400],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: {} }, 400],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: { active: false, accessToken: "EAAB-0123456789" } }, 400],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: { menu: { ...menu, options: [{ label: "A", groupId: ids.vendas, color: "red" }, menu.options[1]] } } }, 400],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: { menu: { ...menu, defaultGroupId: 999999 } } }, 400],
        ["patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: { wabaId: "abc" } }, 400],
        ["put", "/channels/{id}/token", { ...channel(999999, "/token"), token: tokens.manager, body: { accessToken: "EAAB-0123456789" } }, 404],
        ["put", "/channels/{id}/token", { ...channel(vendasChannel, "/token"), token: tokens.manager, body: { accessToken: "short" } }, 400],
        ["put", "/channels/{id}/token", { ...channel(vendasChannel, "/token"), token: tokens.manager, body: { accessToken: "EAAB-0123456789", wabaId: "1" } }, 400],
      ],
      () => snapshot(t.db),
    );
    const nested = await call("patch", "/channels/{id}", { ...channel(vendasChannel), token: tokens.manager, body: { menu: { ...menu, options: [{ label: "A", groupId: ids.vendas, color: "red" }, menu.options[1]] } } });
    expect(nested.body.error.fields).toEqual({ "menu.options.0.color": "error.unknownField" });
  });

  it("a member's own cap: set and cleared; agents, non-members and unknown ids are refused and change nothing", async () => {
    const path = "/groups/{id}/members/{userId}";
    const member = (groupId: number | string, userId: number | string) => ({ path: `/groups/${groupId}/members/${userId}`, params: { id: String(groupId), userId: String(userId) } });
    await refusedAll(
      [
        ["patch", path, { ...member(ids.vendas!, ids.ana!), token: tokens.fabio, body: { maxOpen: 1 } }, 403],
        ["patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.ana, body: { maxOpen: 1 } }, 403],
        ["patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.fabio, body: { maxOpen: 9 } }, 403],
        ["patch", path, { ...member(ids.financeiro!, ids.ana!), token: tokens.manager, body: { maxOpen: 1 } }, 400],
        ["patch", path, { ...member(999999, ids.fabio!), token: tokens.manager, body: { maxOpen: 1 } }, 404],
        ["patch", path, { ...member(ids.financeiro!, 999999), token: tokens.manager, body: { maxOpen: 1 } }, 400],
        ["patch", path, { ...member(ids.financeiro!, "abc"), token: tokens.manager, body: { maxOpen: 1 } }, 400],
        ["patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: {} }, 400],
        ["patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: { maxOpen: 0 } }, 400],
        ["patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: { maxOpen: "3" } }, 400],
        ["patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: { maxOpen: 3, cap: 3 } }, 400],
      ],
      () => snapshot(t.db),
    );
    const capped = await callDocumented("patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: { maxOpen: 3 } });
    expect(capped).toMatchObject({ changed: true, member: { id: ids.fabio } });
    expect(await rows(sql`SELECT max_open AS "maxOpen" FROM group_members WHERE group_id = ${ids.financeiro} AND user_id = ${ids.fabio}`)).toEqual([{ maxOpen: 3 }]);
    expect(await callDocumented("patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: { maxOpen: 3 } })).toMatchObject({ changed: false });
    expect(await callDocumented("patch", path, { ...member(ids.financeiro!, ids.fabio!), token: tokens.manager, body: { maxOpen: null } })).toMatchObject({ changed: true });
    expect(await rows(sql`SELECT max_open AS "maxOpen" FROM group_members WHERE group_id = ${ids.financeiro} AND user_id = ${ids.fabio}`)).toEqual([{ maxOpen: null }]);
  });
});
