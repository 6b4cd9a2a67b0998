// SPEC §10 "Always JSON", over HTTP: a server that answers as server.ts does (its /api/v1
// method check first: lib/api/method-not-allowed.ts) and then routes like Next.js to the
// route files (a method a file does not export: Next's empty 405). Every documented path
// is called with every method it does not have (TRACE too) and absurd ids in each path
// segment: 405, `Allow` naming exactly its methods, a JSON error. Its own methods with the
// same ids: never a 500, a JSON answer. Unknown paths: the JSON 404 for every method.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { DEMO_PASSWORD } from "@/db/seed";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/api/tokens";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startApiServer } from "@/test/api-server";
import { actorOf } from "@/test/groups-fixtures";
import { testGraphConfig } from "@/test/whatsapp-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];
const ABSURD_IDS = ["2147483648", "99999999999999999999", "-1", "0", "abc", "1.5", "1e3", "%00", "%F0%9F%98%80"];

let server: Awaited<ReturnType<typeof startApiServer>>;
let port: number;
let t: TestDatabase;
let fake: FakeGraph;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  fake = await startFakeGraph();
  state.graph = testGraphConfig(fake);
  for (const handle of ["manager", "ana"]) tokens[handle] = (await createApiToken(t.db, await actorOf(t.db, handle), { name: "always-json", password: DEMO_PASSWORD })).token;
  server = await startApiServer();
  port = server.port;
});
afterAll(async () => {
  await server.close();
  await fake.close();
  await t.drop();
});

function send(method: string, path: string, token: string, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const document = buildOpenApiDocument();
const documented = Object.entries(document.paths).map(([path, operations]) => ({
  path,
  methods: Object.keys(operations).map((m) => m.toUpperCase()),
  produces: Object.values(operations as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>).some((o) => {
    const success = o.responses["200"] ?? o.responses["201"];
    return !("application/json" in (success?.content ?? {}));
  }),
}));

/** The path with each {param} in turn absurd (the others 1), then all 1. */
function pathsOf(template: string): string[] {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const fill = (absurd: string | null, at: string | null) => `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => (name === at ? absurd! : "1"))}`;
  return [fill(null, null), ...names.flatMap((name) => ABSURD_IDS.map((value) => fill(value, name)))];
}

describe("always JSON (SPEC §10)", () => {
  it("walks a documented path for every path in the document", () => {
    expect(documented.length).toBeGreaterThan(30);
  });

  for (const { path, methods, produces } of documented) {
    it(`${path}: other methods 405 with Allow; its own never 500`, async () => {
      const expectedAllow = [...new Set([...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"])].sort().join(", ");
      const failures: string[] = [];
      for (const url of pathsOf(path)) {
        for (const method of ALL_METHODS) {
          const own = methods.includes(method) || (method === "HEAD" && methods.includes("GET")) || method === "OPTIONS";
          for (const who of own ? ["manager", "ana"] : ["ana"]) {
            const answer = await send(method, url, tokens[who]!, method === "GET" || method === "HEAD" || method === "OPTIONS" ? undefined : JSON.stringify({ id: 1 }));
            const label = `${who} ${method} ${url} → ${answer.status} ${answer.body.slice(0, 120)}`;
            if (!own) {
              if (answer.status !== 405 || answer.headers.allow !== expectedAllow) failures.push(`${label} allow=${String(answer.headers.allow)}`);
              if (method !== "HEAD" && !(isJson(answer.body) && JSON.parse(answer.body).error?.code === "method_not_allowed")) failures.push(`${label}: not the JSON error`);
              continue;
            }
            if (answer.status >= 500 && answer.status !== 502) failures.push(label);
            // HEAD has no body; Next answers OPTIONS itself (204); CSV and files are not JSON when they succeed.
            const bodyless = method === "HEAD" || (method === "OPTIONS" && answer.status === 204);
            if (!bodyless && !(produces && answer.status === 200) && !isJson(answer.body)) failures.push(`${label}: not JSON`);
          }
        }
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }

  it("an unknown path answers the JSON 404 for every method, TRACE included, and /api/v1 itself too", async () => {
    for (const url of ["/api/v1", "/api/v1/", "/api/v1/nope", "/api/v1/conversations/1/nope", "/api/v1/conversations/1/take/2", "/api/v1/groups/1/members"]) {
      for (const method of ALL_METHODS) {
        const answer = await send(method, url, tokens.ana!);
        expect(answer.status, `${method} ${url}`).toBe(404);
        if (method !== "HEAD") expect(JSON.parse(answer.body), `${method} ${url}`).toMatchObject({ ok: false, error: { code: "not_found" } });
      }
    }
  });
});
