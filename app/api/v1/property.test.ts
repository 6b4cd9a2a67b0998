// SPEC §10, as an integrator's fuzzer holds us to it (Schemathesis's checks; it cannot be
// installed here, so fast-check plays it from the same document): requests generated
// from each operation's schemas — valid ones, and wrong types, unknown fields, huge and
// absurd ids, text that is no JSON, no token or a bad one, methods a path does not have —
// sent over HTTP to a server that routes as server.ts does. Whatever the request: never a
// 5xx; an error is JSON in the error shape with a status the operation documents; a
// success matches the documented schema. Two phases more, as Schemathesis runs them: a
// body the document refuses is never accepted (negative data), and the document's links
// are followed from every list, each linked answer judged the same way (stateful). The
// number of generated runs is bounded (FUZZ_RUNS).
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiTestWorld } from "@/test/api-client";
import { startApiServer } from "@/test/api-server";
import { queueConversations } from "@/test/groups-fixtures";
import { bodyOf, invalidValueOf, valueOf } from "@/test/json-schema-arbitrary";
import { documentValidator } from "@/test/openapi-contract";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"];
const ABSURD_IDS = ["0", "-1", "abc", "1.5", "1e3", "2147483648", "99999999999999999999", "%00", "%F0%9F%98%80", "1%2F2"];

type Schema = Parameters<typeof valueOf>[0];
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Link = { operationId: string; parameters: Record<string, string> };
type DescribedOperation = {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema; example?: unknown }> };
  responses: Record<string, { links?: Record<string, Link> }>;
};

const document = buildOpenApiDocument();
const validator = documentValidator(document);
const operations = Object.entries(document.paths as Record<string, Record<string, DescribedOperation>>).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
);

let server: Awaited<ReturnType<typeof startApiServer>>;
let tokens: Record<string, string>;
let realIds: string[];
let close: () => Promise<unknown>;

beforeAll(async () => {
  const world = await apiTestWorld(state, ["manager", "ana", "elisa"], "property");
  ({ tokens, close } = world);
  const conversations = await queueConversations(world.t.db, world.ids.financeiro!, 3);
  const [users, webhooks] = await Promise.all([world.t.sql<{ id: number }[]>`SELECT id FROM users ORDER BY id LIMIT 3`, world.t.sql<{ id: number }[]>`SELECT id FROM webhook_endpoints`]);
  realIds = [...conversations, world.ids.financeiro!, ...users.map((u) => u.id), ...webhooks.map((w) => w.id), 1, 2].map(String);
  server = await startApiServer();
});
afterAll(async () => {
  await server?.close();
  await close();
});

type Sent = { method: string; url: string; headers: Record<string, string>; body?: string };

/** Over node:http, not fetch: fetch refuses TRACE. */
function send(request: Sent) {
  return new Promise<{ status: number; contentType: string; allow: string | undefined; text: string; json: unknown }>((resolve, reject) => {
    const headers = { ...request.headers, ...(request.body !== undefined && { "content-length": String(Buffer.byteLength(request.body)) }) };
    const outgoing = httpRequest({ host: "127.0.0.1", port: server.port, method: request.method, path: `/api/v1${request.url}`, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: judged by the caller
        }
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers["content-type"] ?? ""), allow: response.headers.allow, text, json });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

const tokenArbitrary = () => fc.constantFrom<string | undefined>(undefined, "fila_not-a-real-token", "garbage", ...["manager", "ana", "elisa"].map((handle) => tokens[handle]!));

function requestArbitrary(method: string, path: string, operation: DescribedOperation): fc.Arbitrary<Sent> {
  const pathNames = operation.parameters.filter((p) => p.in === "path").map((p) => p.name);
  const query = operation.parameters.filter((p) => p.in === "query");
  const pathValues = fc.tuple(...pathNames.map(() => fc.oneof(fc.constantFrom(...realIds), fc.constantFrom(...ABSURD_IDS), fc.integer({ min: 1, max: 2 ** 53 }).map(String))));
  const queryValues = fc.tuple(
    ...query.map((p) => fc.option(fc.oneof(valueOf(p.schema).map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")), fc.string({ maxLength: 20 })), { nil: undefined })),
    fc.option(fc.tuple(fc.constantFrom("unknown", "limit", "tab", "cursor", "x"), fc.string({ maxLength: 10 })), { nil: undefined }),
  );
  const jsonBody = operation.requestBody?.content["application/json"];
  const body: fc.Arbitrary<{ body?: string; contentType?: string }> = jsonBody
    ? bodyOf(jsonBody.schema).chain((text) => fc.constantFrom("application/json", "text/plain", undefined).map((contentType) => ({ body: text, contentType })))
    : operation.requestBody
      ? fc.tuple(fc.string({ maxLength: 200 }), fc.constantFrom("application/pdf", "image/png", "text/plain", "application/x-msdownload")).map(([text, contentType]) => ({ body: text, contentType }))
      : method === "get"
        ? fc.constant({})
        : fc.option(fc.json({ maxDepth: 1 }), { nil: undefined }).map((text) => (text === undefined ? {} : { body: text, contentType: "application/json" }));
  return fc.record({ token: tokenArbitrary(), ids: pathValues, query: queryValues, body, filename: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }).map(({ token, ids, query: values, body, filename }) => {
    let url = path;
    pathNames.forEach((name, i) => (url = url.replace(`{${name}}`, ids[i]!)));
    const search = new URLSearchParams();
    query.forEach((p, i) => {
      const value = values[i] as string | undefined;
      if (value !== undefined) search.set(p.name, value);
    });
    const unknown = values[query.length] as [string, string] | undefined;
    if (unknown) search.append(unknown[0], unknown[1]);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body.contentType) headers["content-type"] = body.contentType;
    if (filename !== undefined && operation.requestBody && !jsonBody) headers["x-fila-filename"] = encodeURIComponent(filename);
    return { method: method.toUpperCase(), url: `${url}${search.size > 0 ? `?${search}` : ""}`, headers, ...(body.body !== undefined && { body: body.body }) };
  });
}

const statusClassOf = (status: number) => `${Math.floor(status / 100)}xx`;

function judge(method: string, path: string, request: Sent, answer: Awaited<ReturnType<typeof send>>) {
  const where = `${request.method} ${request.url} ${request.body?.slice(0, 200) ?? ""} → ${answer.status} ${answer.text.slice(0, 300)}`;
  // No input makes a server error (an HTTP status class, not a duration).
  expect(statusClassOf(answer.status), where).not.toBe("5xx");
  expect(validator.statusesOf(method, path), `${where}: a documented status`).toContain(answer.status);
  if (answer.status >= 400) {
    expect(answer.contentType, where).toMatch(/^application\/json/);
    expect(validator.errorShapeErrorsOf(answer.json), where).toEqual([]);
    return;
  }
  if (/^application\/json/.test(answer.contentType)) expect(validator.errorsOf(method, path, answer.status, answer.json), where).toEqual([]);
}

const pathNamesOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/** A link's runtime expression ($response.body#/pointer, $request.path.name) in the answer and request it follows. */
function resolveExpression(expression: string, answer: unknown, requestParams: Record<string, string>): string | undefined {
  if (expression.startsWith("$request.path.")) return requestParams[expression.slice("$request.path.".length)];
  if (!expression.startsWith("$response.body#")) return expression;
  let value = answer;
  for (const segment of expression.slice("$response.body#/".length).split("/")) {
    const name = segment.replaceAll("~1", "/").replaceAll("~0", "~");
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
  }
  return value === undefined || value === null ? undefined : String(value);
}

// First, while the seeded world is as the demo has it (the fuzzing after changes roles and states).
describe("the stateful phase: the document's links, followed", () => {
  it("from every list a person can read, each link leads to an answer the document describes", async () => {
    const byOperationId = new Map(operations.map((o) => [o.operation.operationId, o]));
    const roots = operations.filter((o) => o.method === "get" && pathNamesOf(o.path).length === 0 && !o.operation.parameters.some((p) => p.in === "query" && p.required));
    type Step = { entry: (typeof operations)[number]; params: Record<string, string>; depth: number; viaLink: boolean };
    const reached = new Set<string>();
    const seen = new Set<string>();
    for (const handle of ["ana", "manager"]) {
      const queue: Step[] = roots.map((entry) => ({ entry, params: {}, depth: 0, viaLink: false }));
      for (let step = queue.shift(); step; step = queue.shift()) {
        const { entry, params, depth, viaLink } = step;
        const { method, path, operation } = entry;
        const key = `${handle} ${method} ${path} ${JSON.stringify(params)}`;
        if (seen.has(key) || pathNamesOf(path).some((name) => params[name] === undefined)) continue;
        seen.add(key);
        const json = operation.requestBody?.content["application/json"];
        if (operation.requestBody && !json) continue;
        const body = json ? (json.example ?? fc.sample(valueOf(json.schema), { numRuns: 1, seed: 42 })[0]) : undefined;
        const request: Sent = {
          method: method.toUpperCase(),
          url: path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name]!)),
          headers: { authorization: `Bearer ${tokens[handle]}`, ...(json && { "content-type": "application/json" }) },
          ...(json && { body: JSON.stringify(body) }),
        };
        const answer = await send(request);
        judge(method, path, request, answer);
        if (answer.status >= 300) continue;
        if (viaLink) reached.add(`${method} ${path}`);
        if (depth >= 3) continue;
        for (const link of Object.values(operation.responses[String(answer.status)]?.links ?? {})) {
          const target = byOperationId.get(link.operationId);
          expect(target, `${method} ${path}: a link to ${link.operationId}, which the document has`).toBeDefined();
          const linked = Object.fromEntries(Object.entries(link.parameters).map(([name, expression]) => [name, resolveExpression(expression, answer.json, params)]));
          if (Object.values(linked).some((value) => value === undefined)) continue;
          queue.push({ entry: target!, params: linked as Record<string, string>, depth: depth + 1, viaLink: true });
        }
      }
    }
    // Links that lead somewhere: the walk reached these through them and they answered.
    expect([...reached].sort()).toEqual(
      expect.arrayContaining(["get /conversations/{id}", "get /conversations/{id}/messages", "get /groups/{id}", "post /conversations/{id}/messages", "post /conversations/{id}/take"]),
    );
    console.log(JSON.stringify({ test: "api-stateful-links", requests: seen.size, reachedThroughLinks: [...reached].sort() }));
  });
});

describe("generated requests to every operation", () => {
  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))("%s: never a 5xx, always its documented JSON", async (_name, { method, path, operation }) => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(method, path, operation), async (request) => {
        judge(method, path, request, await send(request));
      }),
      { numRuns: RUNS },
    );
  });

  it("a method a path does not have: 405, JSON, with Allow naming its methods", async () => {
    const paths = Object.entries(document.paths as Record<string, Record<string, unknown>>);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom(...METHODS), fc.constantFrom(...realIds), tokenArbitrary(), async ([path, methods], method, id, token) => {
        if (method.toLowerCase() in methods) return;
        const url = path.replace(/\{\w+\}/g, id);
        const answer = await send({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });
        expect(answer.status, `${method} ${url}`).toBe(405);
        expect(answer.contentType).toMatch(/^application\/json/);
        expect(validator.errorShapeErrorsOf(answer.json)).toEqual([]);
        expect(answer.allow?.split(/,\s*/)).toEqual(expect.arrayContaining(Object.keys(methods).map((m) => m.toUpperCase())));
      }),
      { numRuns: RUNS * 5 },
    );
  });
});

describe("negative data: a body the document refuses is never accepted", () => {
  const withJsonBody = operations.filter((o) => o.operation.requestBody?.content["application/json"]);
  it.each(withJsonBody.map((o) => [`${o.method} ${o.path}`, o] as const))("%s", async (_name, { method, path, operation }) => {
    const schema = operation.requestBody!.content["application/json"]!.schema;
    // Judged as sent: JSON drops what it cannot say (an undefined field), which may leave a valid body.
    const refused = invalidValueOf(schema)
      .map((value) => JSON.stringify(value) ?? "null")
      .filter((text) => validator.requestErrorsOf(method, path, JSON.parse(text)).length > 0);
    await fc.assert(
      fc.asyncProperty(refused, fc.constantFrom(...realIds), async (body, id) => {
        const request: Sent = {
          method: method.toUpperCase(),
          url: path.replace(/\{\w+\}/g, id),
          headers: { authorization: `Bearer ${tokens.manager}`, "content-type": "application/json" },
          body,
        };
        const answer = await send(request);
        judge(method, path, request, answer);
        expect(answer.status, `${request.method} ${request.url} ${request.body!.slice(0, 200)} → ${answer.status}`).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
  });
});

