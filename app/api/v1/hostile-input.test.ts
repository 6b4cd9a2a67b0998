// No request answers 500 (issue 25 item 7): every route under app/api/v1, every method
// it exports, called by a manager and by an agent with hostile ids in each path segment,
// query field and body field — beyond int32, huge, negative, zero, not a number, not
// whole — and hostile cursors (month 13, year 0). Each answer is a JSON error of ours
// (400/404/405/409…), never 500; nothing else is asserted here.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { DEMO_PASSWORD } from "@/db/seed";
import { createApiToken } from "@/lib/api/tokens";
import { encodeCursor } from "@/lib/inbox/list-cursor";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations } from "@/test/groups-fixtures";
import { testGraphConfig } from "@/test/whatsapp-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;
const modules = import.meta.glob<Record<string, unknown>>("./**/route.ts", { eager: true });
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const HOSTILE_IDS = ["2147483648", "99999999999999999999", "-1", "0", "abc", "1.5"];
const HOSTILE_NUMBERS: unknown[] = [2147483648, 99999999999999999999, -1, 0, "abc", 1.5, "2147483648"];
const ID_FIELDS = ["id", "groupId", "agentId", "userId", "conversationId", "earlierId", "before", "after", "messageId", "tokenId", "webhookId", "mediaId", "targetGroupId"];
const HOSTILE_CURSORS = [
  encodeCursor({ at: "2026-13-01T00:00:00.000000Z", id: 1 }),
  encodeCursor({ at: "0000-01-01T00:00:00.000000Z", id: 1 }),
  encodeCursor({ at: "2026-02-30T25:61:00.000000Z", id: 1 }),
  encodeCursor({ at: "2026-01-01T00:00:00.000000Z", id: 2147483648 }),
  "!!!",
];

/** Each route: its URL template, its param names, its handlers. */
const routes = Object.entries(modules).map(([file, module]) => {
  const path = file.replace(/^\.\//, "/").replace(/\/route\.ts$/, "");
  const params = [...path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
  const handlers = METHODS.filter((m) => typeof module[m] === "function").map((m) => [m, module[m] as Handler] as const);
  return { path, params, handlers };
});

let t: TestDatabase;
let fake: FakeGraph;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  fake = await startFakeGraph();
  state.graph = testGraphConfig(fake);
  for (const handle of ["manager", "ana"]) tokens[handle] = (await createApiToken(t.db, await actorOf(t.db, handle), { name: "hostile", password: DEMO_PASSWORD })).token;
  // The rate limit is not what is tested here.
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

async function call(handler: Handler, method: string, url: string, params: Record<string, string>, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "x-fila-filename": "a.png" };
  let payload: BodyInit | undefined;
  if (body !== undefined && method !== "GET" && method !== "HEAD") {
    headers["content-type"] = url.includes("/media") ? "image/png" : "application/json";
    payload = url.includes("/media") ? new Uint8Array([0x89, 0x50, 0x4e, 0x47]) : JSON.stringify(body);
  }
  const response = await handler(new Request(`http://localhost/api/v1${url}`, { method, headers, body: payload }), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, text };
}

const urlOf = (template: string, params: Record<string, string>) =>
  template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name]!));

describe("hostile ids and cursors never answer 500 (issue 25 item 7)", () => {
  it("discovers the routes", () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it("an unknown /api/v1 path answers a JSON 404 for every method", async () => {
    const catchAll = routes.find((route) => route.path === "/[...path]")!;
    for (const [method, handler] of catchAll.handlers) {
      const answer = await call(handler, method, "/no/such/endpoint", { path: "no/such/endpoint" }, tokens.ana!);
      expect(answer.status, method).toBe(404);
      if (method !== "HEAD") expect(JSON.parse(answer.text), method).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
  });

  it("listing templates of a number without its access token is 409 not_configured (issue 25 item 7)", async () => {
    const [id] = await queueConversations(t.db, await findGroupId(t.db, "Vendas"), 1);
    const conversation = { id: id! };
    await t.sql`UPDATE channels SET waba_id = coalesce(waba_id, 'waba-hostile'), access_token_encrypted = NULL`;
    state.graph = { ...testGraphConfig(fake), fallbackAccessToken: null };
    const templates = routes.find((route) => route.path === "/conversations/[id]/templates")!;
    const [, handler] = templates.handlers.find(([m]) => m === "GET")!;
    const answer = await call(handler, "GET", `/conversations/${conversation!.id}/templates`, { id: String(conversation!.id) }, tokens.manager!);
    state.graph = testGraphConfig(fake);
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: "not_configured" } });
  });

  for (const route of routes) {
    for (const [method, handler] of route.handlers) {
      it(`${method} ${route.path}`, async () => {
        const failures: string[] = [];
        const check = async (label: string, url: string, params: Record<string, string>, body?: unknown, who_: string[] = ["manager"]) => {
          for (const who of who_) {
            const answer = await call(handler, method, url, params, tokens[who]!, body);
            if (answer.status >= 500 && answer.status !== 502) failures.push(`${who} ${label}: ${answer.status} ${answer.text.slice(0, 200)}`);
          }
        };
        // Every path segment hostile, the others 1 (as a manager and as an agent).
        for (const name of route.params) {
          for (const value of HOSTILE_IDS) {
            const params = Object.fromEntries(route.params.map((p) => [p, p === name ? value : "1"]));
            await check(`${name}=${value}`, urlOf(route.path, params), params, {}, ["manager", "ana"]);
          }
        }
        const valid = Object.fromEntries(route.params.map((p) => [p, "1"]));
        const base = urlOf(route.path, valid);
        // Every id query field hostile at once, then the cursors.
        for (const value of HOSTILE_IDS) {
          await check(`?…=${value}`, `${base}?${ID_FIELDS.map((f) => `${f}=${value}`).join("&")}&from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z`, valid);
        }
        for (const cursor of HOSTILE_CURSORS) await check(`?cursor=${cursor}`, `${base}?cursor=${cursor}&tab=all`, valid);
        // Every id body field hostile at once.
        if (method !== "GET" && method !== "HEAD") {
          for (const value of HOSTILE_NUMBERS) {
            await check(`body …=${String(value)}`, base, valid, { ...Object.fromEntries(ID_FIELDS.map((f) => [f, value])), text: "oi", name: "x", language: "pt_BR" });
          }
        }
        expect(failures).toEqual([]);
      }, 120_000);
    }
  }
});
