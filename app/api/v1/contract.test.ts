// SPEC §10 "Described", enforced: this walks every operation of the generated OpenAPI
// document, calls it through its route with a seeded world, and validates the answer
// against the document (and against the zod schema it was made from: formats, no
// undeclared field). An operation without a case here fails, so a new operation cannot
// ship without an exercised, validated answer. The real requests and answers are the
// document's examples: `UPDATE_API_EXAMPLES=1` writes them to lib/api/examples.json.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/session";
import { buildOpenApiDocument, keyOf } from "@/lib/api/openapi";
import { operations, type OperationKey } from "@/lib/api/operations";
import { apiTestWorld, callRoute, type ApiCall } from "@/test/api-client";
import type { TestDatabase } from "@/test/database";
import { queueConversations } from "@/test/groups-fixtures";
import { createApiToken } from "@/lib/api/tokens";
import { documentValidator } from "@/test/openapi-contract";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

type Handler = Parameters<typeof callRoute>[0];
const routeFiles = import.meta.glob<Record<string, unknown>>("./**/route.ts");

/** The route handler of an operation: /conversations/{id} is ./conversations/[id]/route.ts. */
async function handlerOf(method: string, path: string): Promise<Handler> {
  const file = `.${path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const load = routeFiles[file];
  if (!load) throw new Error(`no route file ${file}`);
  return (await load())[method.toUpperCase()] as Handler;
}

let t: TestDatabase;
let tokens: Record<string, string>;
let ids: Record<string, number>;
let close: () => Promise<unknown>;
const document = buildOpenApiDocument();
const validator = documentValidator(document);
const recorded: Record<string, { request?: unknown; answer: unknown }> = {};

beforeAll(async () => {
  ({ t, tokens, ids, close } = await apiTestWorld(state, ["manager", "ana", "elisa", "fabio"], "contract"));
});
afterAll(async () => {
  await close();
  if (process.env.UPDATE_API_EXAMPLES === "1") writeFileSync(join(process.cwd(), "lib/api/examples.json"), `${JSON.stringify(recorded, null, 2)}\n`);
});

type Call = Omit<ApiCall, "method"> & { params?: Record<string, string> };

/** Calls the operation, expects its success status, validates the answer against the document and the zod schema, and records it. */
async function exercise(key: OperationKey, call: Call) {
  const [method, path] = key.split(" ") as [string, string];
  const operation = operations.find((o) => keyOf(o) === key)!;
  const answer = await callRoute(await handlerOf(method, path), { ...call, method: method.toUpperCase() });
  const success = operation.created ? 201 : 200;
  expect(answer.status, `${key}: ${JSON.stringify(answer.body).slice(0, 400)}`).toBe(success);
  if (operation.produces) {
    expect(answer.headers.get("content-type"), key).toMatch(operation.produces === "text/csv" ? /^text\/csv/ : /./);
    expect(typeof answer.body, key).toBe("string");
  } else {
    expect(validator.errorsOf(method, path, success, answer.body), `${key} matches the document`).toEqual([]);
    if (operation.answer) {
      const parsed = operation.answer.safeParse(answer.body);
      expect(parsed.error?.issues ?? [], `${key} matches its zod schema`).toEqual([]);
    }
  }
  recorded[key] = {
    ...(call.body !== undefined && typeof call.body !== "string" && { request: call.body }),
    answer: operation.produces ? (operation.produces === "text/csv" ? String(answer.body).split("\n").slice(0, 2).join("\n") : "<the file's bytes>") : abridged(key, answer.body),
  };
  return answer.body;
}

/** An example short enough to read: two items of each list, and this document as its head. */
function abridged(key: OperationKey, value: unknown): unknown {
  if (key === "get /openapi.json") {
    const { openapi, info, servers } = value as Record<string, unknown>;
    return { openapi, info, servers, paths: {}, components: {} };
  }
  if (Array.isArray(value)) return value.slice(0, 2).map((item) => abridged(key, item));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, abridged(key, item)]));
  return value;
}

const at = (id: number) => ({ path: `/conversations/${id}`, params: { id: String(id) } });
const sub = (id: number, rest: string) => ({ path: `/conversations/${id}/${rest}`, params: { id: String(id) } });
const queued = async () => (await queueConversations(t.db, ids.financeiro!, 1))[0]!;
/** A Financeiro conversation that elisa has taken. */
async function elisas() {
  const id = await queued();
  await exercise("post /conversations/{id}/take", { ...sub(id, "take"), token: tokens.elisa });
  return id;
}
/** A contact with a closed conversation and a newer open one: [earlier, current]. */
async function returningContact(): Promise<[number, number]> {
  const earlier = await elisas();
  await exercise("post /conversations/{id}/messages", { ...sub(earlier, "messages"), token: tokens.elisa, body: { text: "Até logo!" } });
  await exercise("post /conversations/{id}/close", { ...sub(earlier, "close"), token: tokens.elisa });
  const [row] = await t.db.execute<{ id: number }>(sql`
    INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at)
    SELECT contact_id, channel_id, group_id, 'queued', clock_timestamp(), clock_timestamp() FROM conversations WHERE id = ${earlier}
    RETURNING id`);
  return [earlier, row!.id];
}
const period = () => `from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
async function newWebhook() {
  const created = await exercise("post /webhooks", { path: "/webhooks", token: tokens.manager, body: { url: `https://hooks.example/${Math.random().toString(36).slice(2)}`, secret: "0123456789abcdef", events: ["conversation.created", "message.created"] } });
  return String(created.endpoint.id);
}

/** A new agent (Financeiro's), with an API token of their own: for what ends sessions or changes the person. */
async function newAgent() {
  const password = "password-123456";
  const created = await exercise("post /users", { path: "/users", token: tokens.manager, body: { name: "Iara Campos", email: `iara.${Math.random().toString(36).slice(2, 8)}@fila.test`, role: "agent", password } });
  const id = Number(created.user.id);
  const { token } = await createApiToken(t.db, { id, role: "agent" }, { name: "contract", password });
  return { id, token, password, at: (rest = "") => ({ path: `/users/${id}${rest}`, params: { id: String(id) } }) };
}
const channelAt = (id: number, rest = "") => ({ path: `/channels/${id}${rest}`, params: { id: String(id) } });
async function newChannel() {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
  const added = await exercise("post /groups/{id}/channels", { path: `/groups/${ids.financeiro}/channels`, params: { id: String(ids.financeiro) }, token: tokens.manager, body: { displayNumber: `+55 11 9${digits}`, phoneNumberId: `1999${digits}` } });
  return Number(added.id);
}
async function newCannedReply() {
  const created = await exercise("post /canned-replies", { path: "/canned-replies", token: tokens.manager, body: { groupId: ids.financeiro, shortcut: `prazo${Math.random().toString(36).slice(2, 6)}`, body: "Olá {{contact.name}}, o prazo é de 3 dias úteis." } });
  return Number(created.id);
}

/** One case per operation of the document: what it takes to get its success answer. */
const CASES: Record<OperationKey, () => Promise<unknown>> = {
  "get /openapi.json": () => exercise("get /openapi.json", { path: "/openapi.json" }),
  "get /conversations": async () => {
    const id = await queued();
    const page = await exercise("get /conversations", { path: `/conversations?tab=queue&groupId=${ids.financeiro}`, token: tokens.elisa });
    expect(page.items.map((item: { id: number }) => item.id)).toContain(id);
  },
  "get /conversations/{id}": async () => exercise("get /conversations/{id}", { ...at(await elisas()), token: tokens.elisa }),
  "patch /conversations/{id}": async () => exercise("patch /conversations/{id}", { ...at(await queued()), token: tokens.elisa, body: { priority: "high" } }),
  "get /conversations/{id}/messages": async () => {
    const id = await elisas();
    await exercise("post /conversations/{id}/messages", { ...sub(id, "messages"), token: tokens.elisa, body: { text: "Olá! Como posso ajudar?" } });
    return exercise("get /conversations/{id}/messages", { ...sub(id, "messages"), token: tokens.elisa });
  },
  "post /conversations/{id}/messages": async () => exercise("post /conversations/{id}/messages", { ...sub(await elisas(), "messages"), token: tokens.elisa, body: { text: "Olá!" } }),
  "get /conversations/{id}/activity": async () => {
    const id = await elisas();
    await exercise("post /conversations/{id}/transfer", { ...sub(id, "transfer"), token: tokens.elisa, body: { userId: ids.fabio } });
    return exercise("get /conversations/{id}/activity", { ...sub(id, "activity"), token: tokens.manager });
  },
  "get /conversations/{id}/members": async () => exercise("get /conversations/{id}/members", { ...sub(await queued(), "members"), token: tokens.elisa }),
  "get /conversations/{id}/transfer-targets": async () => {
    const targets = await exercise("get /conversations/{id}/transfer-targets", { ...sub(await elisas(), "transfer-targets"), token: tokens.elisa });
    expect(targets.map((group: { id: number }) => group.id)).not.toContain(ids.financeiro);
  },
  "post /conversations/{id}/take": async () => exercise("post /conversations/{id}/take", { ...sub(await queued(), "take"), token: tokens.elisa }),
  "post /conversations/{id}/assign": async () => exercise("post /conversations/{id}/assign", { ...sub(await queued(), "assign"), token: tokens.manager, body: { userId: ids.fabio } }),
  "post /conversations/{id}/transfer": async () => exercise("post /conversations/{id}/transfer", { ...sub(await elisas(), "transfer"), token: tokens.elisa, body: { userId: null } }),
  "post /conversations/{id}/close": async () => exercise("post /conversations/{id}/close", { ...sub(await elisas(), "close"), token: tokens.elisa }),
  "post /conversations/{id}/reopen": async () => {
    const id = await elisas();
    await exercise("post /conversations/{id}/close", { ...sub(id, "close"), token: tokens.elisa });
    return exercise("post /conversations/{id}/reopen", { ...sub(id, "reopen"), token: tokens.elisa });
  },
  "post /conversations/{id}/media": async () =>
    exercise("post /conversations/{id}/media", {
      ...sub(await elisas(), "media"),
      token: tokens.elisa,
      headers: { "content-type": "application/pdf", "x-fila-filename": "pedido.pdf" },
      body: "%PDF-1.4\n% a tiny document\n",
    }),
  "get /conversations/{id}/templates": async () => exercise("get /conversations/{id}/templates", { ...sub(await elisas(), "templates"), token: tokens.elisa }),
  "post /conversations/{id}/templates": async () =>
    exercise("post /conversations/{id}/templates", { ...sub(await elisas(), "templates"), token: tokens.elisa, body: { name: "pedido_pronto", language: "pt_BR", parameters: ["4521"] } }),
  "get /conversations/{id}/contact": async () => exercise("get /conversations/{id}/contact", { ...sub(await elisas(), "contact"), token: tokens.elisa }),
  "get /conversations/{id}/history": async () => {
    const [earlier, current] = await returningContact();
    const page = await exercise("get /conversations/{id}/history", { ...sub(current, "history"), token: tokens.elisa });
    expect(page.items.map((item: { id: number }) => item.id)).toContain(earlier);
  },
  "get /conversations/{id}/history/{earlierId}": async () => {
    const [earlier, current] = await returningContact();
    return exercise("get /conversations/{id}/history/{earlierId}", { path: `/conversations/${current}/history/${earlier}`, params: { id: String(current), earlierId: String(earlier) }, token: tokens.elisa });
  },
  "get /conversations/{id}/canned-replies": async () => {
    await t.db.execute(sql`INSERT INTO canned_replies (group_id, shortcut, body) VALUES (${ids.financeiro}, ${`boleto${Math.random().toString(36).slice(2, 6)}`}, 'Olá {{contact.name}}, segue o boleto.')`);
    return exercise("get /conversations/{id}/canned-replies", { ...sub(await elisas(), "canned-replies"), token: tokens.elisa });
  },
  "get /conversations/{id}/mention-candidates": async () => exercise("get /conversations/{id}/mention-candidates", { ...sub(await elisas(), "mention-candidates"), token: tokens.elisa }),
  "get /canned-replies": async () => {
    await t.db.execute(sql`INSERT INTO canned_replies (group_id, shortcut, body) VALUES (NULL, ${`ola${Math.random().toString(36).slice(2, 6)}`}, 'Olá! Em que posso ajudar?')`);
    return exercise("get /canned-replies", { path: "/canned-replies", token: tokens.elisa });
  },
  "get /media/{id}": async () => {
    const id = await elisas();
    await exercise("post /conversations/{id}/media", { ...sub(id, "media"), token: tokens.elisa, headers: { "content-type": "application/pdf", "x-fila-filename": "nota.pdf" }, body: "%PDF-1.4\n% nota\n" });
    const thread = await exercise("get /conversations/{id}/messages", { ...sub(id, "messages"), token: tokens.elisa });
    const media = String(thread.at(-1).media.id);
    return exercise("get /media/{id}", { path: `/media/${media}`, params: { id: media }, token: tokens.elisa });
  },
  "get /me": () => exercise("get /me", { path: "/me", token: tokens.ana }),
  "get /me/unread": () => exercise("get /me/unread", { path: "/me/unread", token: tokens.elisa }),
  "get /me/mentions": () => exercise("get /me/mentions", { path: "/me/mentions", token: tokens.elisa }),
  "put /me/status": () => exercise("put /me/status", { path: "/me/status", token: tokens.fabio, body: { status: "online" } }),
  "get /groups": () => exercise("get /groups", { path: "/groups", token: tokens.manager }),
  "get /groups/{id}": () => exercise("get /groups/{id}", { path: `/groups/${ids.financeiro}`, params: { id: String(ids.financeiro) }, token: tokens.manager }),
  "patch /groups/{id}": () => exercise("patch /groups/{id}", { path: `/groups/${ids.financeiro}`, params: { id: String(ids.financeiro) }, token: tokens.manager, body: { firstResponseTargetMinutes: 30, resolutionTargetMinutes: 240 } }),
  "post /groups/{id}/what-if": () => exercise("post /groups/{id}/what-if", { path: `/groups/${ids.financeiro}/what-if`, params: { id: String(ids.financeiro) }, token: tokens.manager, body: { days: 7, settings: { strategy: "balanced" } } }),
  "put /groups/{id}/members/{userId}": () =>
    exercise("put /groups/{id}/members/{userId}", { path: `/groups/${ids.financeiro}/members/${ids.ana}`, params: { id: String(ids.financeiro), userId: String(ids.ana) }, token: tokens.manager }),
  "delete /groups/{id}/members/{userId}": async () => {
    const params = { id: String(ids.financeiro), userId: String(ids.ana) };
    await exercise("put /groups/{id}/members/{userId}", { path: `/groups/${ids.financeiro}/members/${ids.ana}`, params, token: tokens.manager });
    return exercise("delete /groups/{id}/members/{userId}", { path: `/groups/${ids.financeiro}/members/${ids.ana}?conversations=requeue`, params, token: tokens.manager });
  },
  "get /users": () => exercise("get /users", { path: "/users", token: tokens.manager }),
  "post /users": () => exercise("post /users", { path: "/users", token: tokens.manager, body: { name: "Gabriela Souza", email: `gabriela.${Math.random().toString(36).slice(2, 8)}@fila.test`, role: "agent", password: "password-123456" } }),
  "patch /users/{id}": async () => {
    const created = await exercise("post /users", { path: "/users", token: tokens.manager, body: { name: "Hugo Lima", email: `hugo.${Math.random().toString(36).slice(2, 8)}@fila.test`, role: "agent", password: "password-123456" } });
    const id = String(created.user.id);
    return exercise("patch /users/{id}", { path: `/users/${id}`, params: { id }, token: tokens.manager, body: { role: "manager" } });
  },
  "get /webhooks": async () => (await newWebhook(), exercise("get /webhooks", { path: "/webhooks", token: tokens.manager })),
  "post /webhooks": () => newWebhook(),
  "delete /webhooks/{id}": async () => {
    const id = await newWebhook();
    return exercise("delete /webhooks/{id}", { path: `/webhooks/${id}`, params: { id }, token: tokens.manager });
  },
  "get /webhooks/{id}/deliveries": async () => {
    const id = await newWebhook();
    await exercise("post /webhooks/{id}/test", { path: `/webhooks/${id}/test`, params: { id }, token: tokens.manager });
    return exercise("get /webhooks/{id}/deliveries", { path: `/webhooks/${id}/deliveries`, params: { id }, token: tokens.manager });
  },
  "patch /webhooks/{id}": async () => {
    const id = await newWebhook();
    return exercise("patch /webhooks/{id}", { path: `/webhooks/${id}`, params: { id }, token: tokens.manager, body: { events: ["message.created", "note.created"], paused: true } });
  },
  "post /webhooks/{id}/rotate-secret": async () => {
    const id = await newWebhook();
    return exercise("post /webhooks/{id}/rotate-secret", { path: `/webhooks/${id}/rotate-secret`, params: { id }, token: tokens.manager });
  },
  "post /webhooks/{id}/deliveries/{deliveryId}/replay": async () => {
    const id = await newWebhook();
    const { deliveryId } = await exercise("post /webhooks/{id}/test", { path: `/webhooks/${id}/test`, params: { id }, token: tokens.manager });
    return exercise("post /webhooks/{id}/deliveries/{deliveryId}/replay", { path: `/webhooks/${id}/deliveries/${deliveryId}/replay`, params: { id, deliveryId }, token: tokens.manager });
  },
  "post /webhooks/{id}/test": async () => {
    const id = await newWebhook();
    return exercise("post /webhooks/{id}/test", { path: `/webhooks/${id}/test`, params: { id }, token: tokens.manager });
  },
  "get /reports/summary": async () => (await elisas(), exercise("get /reports/summary", { path: `/reports/summary?${period()}`, token: tokens.manager })),
  "get /reports/headline": () => exercise("get /reports/headline", { path: `/reports/headline?${period()}`, token: tokens.manager }),
  "get /reports/service-levels": () => exercise("get /reports/service-levels", { path: `/reports/service-levels?${period()}`, token: tokens.manager }),
  "get /reports/conversations.csv": () => exercise("get /reports/conversations.csv", { path: `/reports/conversations.csv?${period()}`, token: tokens.manager }),
  "get /manager/board": async () => (await queued(), exercise("get /manager/board", { path: "/manager/board", token: tokens.manager })),
  "get /manager/team": () => exercise("get /manager/team", { path: "/manager/team", token: tokens.manager }),
  "get /manager/groups": () => exercise("get /manager/groups", { path: "/manager/groups", token: tokens.manager }),
  "post /manager/groups": () => exercise("post /manager/groups", { path: "/manager/groups", token: tokens.manager, body: { name: `Cobrança ${Math.random().toString(36).slice(2, 6)}`, strategy: "balanced" } }),
  "get /manager/groups/{groupId}": () => exercise("get /manager/groups/{groupId}", { path: `/manager/groups/${ids.financeiro}`, params: { groupId: String(ids.financeiro) }, token: tokens.manager }),
  "get /manager/groups/{groupId}/history": async () => {
    await exercise("patch /groups/{id}", { path: `/groups/${ids.financeiro}`, params: { id: String(ids.financeiro) }, token: tokens.manager, body: { stickyToLastAgent: true } });
    return exercise("get /manager/groups/{groupId}/history", { path: `/manager/groups/${ids.financeiro}/history`, params: { groupId: String(ids.financeiro) }, token: tokens.manager });
  },
  "post /conversations/{id}/notes": async () =>
    exercise("post /conversations/{id}/notes", { ...sub(await elisas(), "notes"), token: tokens.elisa, body: { text: "Só para a equipe: @Fábio Melo, veja o boleto", mentions: [ids.fabio] } }),
  "post /conversations/{id}/read": async () => {
    const id = await elisas();
    await exercise("post /conversations/{id}/messages", { ...sub(id, "messages"), token: tokens.elisa, body: { text: "Olá!" } });
    const [message] = await t.db.execute<{ id: number }>(sql`SELECT max(id)::int AS id FROM messages WHERE conversation_id = ${id}`);
    return exercise("post /conversations/{id}/read", { ...sub(id, "read"), token: tokens.elisa, body: { messageId: message!.id } });
  },
  "patch /conversations/{id}/contact": async () => exercise("patch /conversations/{id}/contact", { ...sub(await elisas(), "contact"), token: tokens.elisa, body: { displayName: "Dona Rita", note: "Prefere ser chamada pelo nome" } }),
  "post /me/mentions/read": async () => {
    const id = await elisas();
    await exercise("post /conversations/{id}/notes", { ...sub(id, "notes"), token: tokens.elisa, body: { text: "@Fábio Melo veja", mentions: [ids.fabio] } });
    return exercise("post /me/mentions/read", { path: "/me/mentions/read", token: tokens.fabio, body: { conversationId: id } });
  },
  "post /canned-replies": () => newCannedReply(),
  "put /canned-replies/{id}": async () => {
    const id = await newCannedReply();
    return exercise("put /canned-replies/{id}", { path: `/canned-replies/${id}`, params: { id: String(id) }, token: tokens.manager, body: { groupId: null, shortcut: `prazo${Math.random().toString(36).slice(2, 6)}`, body: "Entregamos em 2 dias úteis." } });
  },
  "delete /canned-replies/{id}": async () => {
    const id = await newCannedReply();
    return exercise("delete /canned-replies/{id}", { path: `/canned-replies/${id}`, params: { id: String(id) }, token: tokens.manager });
  },
  "post /users/{id}/reset-password": async () => exercise("post /users/{id}/reset-password", { ...(await newAgent()).at("/reset-password"), token: tokens.manager, body: { password: "new-password-1" } }),
  "post /users/{id}/unlock": async () => exercise("post /users/{id}/unlock", { ...(await newAgent()).at("/unlock"), token: tokens.manager }),
  "post /users/{id}/sign-out": async () => exercise("post /users/{id}/sign-out", { ...(await newAgent()).at("/sign-out"), token: tokens.manager }),
  "post /me/sign-out": async () => exercise("post /me/sign-out", { path: "/me/sign-out", token: (await newAgent()).token }),
  "get /me/tokens": () => exercise("get /me/tokens", { path: "/me/tokens", token: tokens.elisa }),
  "post /me/tokens": async () => {
    const agent = await newAgent();
    return exercise("post /me/tokens", { path: "/me/tokens", token: agent.token, body: { name: "CRM", password: agent.password } });
  },
  "delete /me/tokens/{id}": async () => {
    const agent = await newAgent();
    const created = await exercise("post /me/tokens", { path: "/me/tokens", token: agent.token, body: { name: "CRM", password: agent.password } });
    const id = String(created.apiToken.id);
    return exercise("delete /me/tokens/{id}", { path: `/me/tokens/${id}`, params: { id }, token: agent.token });
  },
  "get /users/{id}/tokens": async () => exercise("get /users/{id}/tokens", { ...(await newAgent()).at("/tokens"), token: tokens.manager }),
  "post /users/{id}/tokens": async () => exercise("post /users/{id}/tokens", { ...(await newAgent()).at("/tokens"), token: tokens.manager, body: { name: "Integração", password: "fila-demo" } }),
  "delete /users/{id}/tokens/{tokenId}": async () => {
    const agent = await newAgent();
    const created = await exercise("post /users/{id}/tokens", { ...agent.at("/tokens"), token: tokens.manager, body: { name: "Integração", password: "fila-demo" } });
    const tokenId = String(created.apiToken.id);
    return exercise("delete /users/{id}/tokens/{tokenId}", { path: `/users/${agent.id}/tokens/${tokenId}`, params: { id: String(agent.id), tokenId }, token: tokens.manager });
  },
  "post /groups/{id}/channels": () => newChannel(),
  "patch /channels/{id}": async () => exercise("patch /channels/{id}", { ...channelAt(await newChannel()), token: tokens.manager, body: { wabaId: "200000000000009", active: false } }),
  "put /channels/{id}/token": async () => exercise("put /channels/{id}/token", { ...channelAt(await newChannel(), "/token"), token: tokens.manager, body: { accessToken: "EAAB-contract-token-0123456789" } }),
  "patch /groups/{id}/members/{userId}": () =>
    exercise("patch /groups/{id}/members/{userId}", { path: `/groups/${ids.financeiro}/members/${ids.fabio}`, params: { id: String(ids.financeiro), userId: String(ids.fabio) }, token: tokens.manager, body: { maxOpen: 4 } }),
};

const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}` as OperationKey));

describe("every documented operation is exercised and answers its documented schema", () => {
  it("every operation declares its answer schema", () => {
    expect(operations.filter((o) => !o.answer && !o.answerRef).map(keyOf)).toEqual([]);
  });

  it("has a case for every operation, and none for an operation that is not documented", () => {
    expect(documented.filter((key) => !(key in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((key) => !documented.includes(key as OperationKey))).toEqual([]);
  });

  it.each(documented)("%s", async (key) => {
    await CASES[key]!();
    expect(recorded[key], `${key} was called`).toBeDefined();
  });
});
