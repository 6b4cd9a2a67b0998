// The OpenAPI document validates as OpenAPI 3.1 and describes exactly the route files
// under app/api/v1: a route without its description, or a description without its
// route, fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { documentValidator } from "@/test/openapi-contract";
import { buildOpenApiDocument, keyOf, operationIdOf } from "./openapi";
import { operations } from "./operations";

const ROOT = join(process.cwd(), "app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The catch-all ([...path]) is no endpoint: the JSON 404 for paths that are none.
    if (name.startsWith("[...")) return [];
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" ? [path] : [];
  });
}

/** "METHOD /path" for every exported handler of every route file, in OpenAPI's path style. */
function routesOnDisk(): string[] {
  return routeFiles(ROOT).flatMap((file) => {
    const segments = relative(ROOT, file).split(sep).slice(0, -1);
    const path = `/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => `${match[1]} ${path}`);
  });
}

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route file under app/api/v1, and nothing else", () => {
    const described = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(described.sort()).toEqual(routesOnDisk().sort());
  });

  it("documents 201 exactly for the routes that answer it (created: true)", () => {
    const createdOnDisk = routeFiles(ROOT).flatMap((file) => {
      const segments = relative(ROOT, file).split(sep).slice(0, -1);
      const path = `/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
      const source = readFileSync(file, "utf8");
      return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = apiRoute(?:<[^>]*>)?\(\{([^}]*)\}/g)].filter((match) => /created: true/.test(match[2]!)).map((match) => `${match[1]} ${path}`);
    });
    const createdInDocument = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { responses: Record<string, unknown> }>).filter(([, operation]) => "201" in operation.responses).map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(createdOnDisk.length).toBeGreaterThan(4);
    expect(createdInDocument.sort()).toEqual(createdOnDisk.sort());
  });

  it("generates bodies and query parameters from the zod schemas", () => {
    const reply = document.paths["/conversations/{id}/messages"]!.post as { requestBody: { content: { "application/json": { schema: { properties: object; required: string[] } } } } };
    expect(reply.requestBody.content["application/json"].schema).toMatchObject({ properties: { text: { type: "string" } }, required: ["text"] });
    const list = document.paths["/conversations"]!.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["tab", "groupId", "status", "q", "cursor", "limit"]));
    const patch = document.paths["/groups/{id}"]!.patch as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } } };
    expect(Object.keys(patch.requestBody.content["application/json"].schema.properties)).toEqual(expect.arrayContaining(["strategy", "onlineOnly", "maxOpenPerAgent"]));
  });

  type Described = { parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, { example?: unknown }> }; responses: Record<string, { content?: Record<string, { example?: unknown }>; links?: Record<string, { operationId: string; parameters: Record<string, string> }> }> };
  const described = (operation: { method: string; path: string }) => (document.paths as Record<string, Record<string, Described>>)[operation.path]![operation.method]!;

  it("refuses unknown fields at every depth of every JSON body (additionalProperties: false)", () => {
    const loose: string[] = [];
    const walk = (schema: unknown, at: string) => {
      if (!schema || typeof schema !== "object") return;
      if (Array.isArray(schema)) return schema.forEach((item, i) => walk(item, `${at}/${i}`));
      const object = schema as Record<string, unknown>;
      if (object.type === "object" && object.properties && object.additionalProperties !== false) loose.push(at);
      for (const [name, value] of Object.entries(object)) walk(value, `${at}/${name}`);
    };
    for (const operation of operations) if (operation.body) walk(described(operation).requestBody!.content["application/json"], keyOf(operation));
    expect(loose).toEqual([]);
  });

  it("gives every answer and every JSON body a real example (recorded by app/api/v1/contract.test.ts) that matches the document", () => {
    const validator = documentValidator(document);
    for (const operation of operations) {
      const success = operation.created ? 201 : 200;
      const content = Object.values(described(operation).responses[String(success)]!.content!)[0]!;
      expect(content, `${keyOf(operation)} has an example answer`).toHaveProperty("example");
      if (!operation.produces) expect(validator.errorsOf(operation.method, operation.path, success, content.example), keyOf(operation)).toEqual([]);
      if (operation.body) {
        const body = described(operation).requestBody!.content["application/json"]!;
        expect(body, `${keyOf(operation)} has an example body`).toHaveProperty("example");
        expect(operation.body.safeParse(body.example).success, `${keyOf(operation)}'s example body is valid`).toBe(true);
      }
    }
  });

  it("links each answer to operations that exist, naming each of their path parameters", () => {
    const ids = new Map(operations.map((operation) => [operationIdOf(operation), operation]));
    const links = operations.flatMap((operation) => Object.entries(described(operation).responses).flatMap(([, response]) => Object.values(response.links ?? {})));
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) {
      const target = ids.get(link.operationId);
      expect(target, link.operationId).toBeDefined();
      const pathParams = [...target!.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(Object.keys(link.parameters).sort(), link.operationId).toEqual(pathParams.sort());
      for (const expression of Object.values(link.parameters)) expect(expression).toMatch(/^\$(response\.body#\/|request\.path\.)/);
    }
    // The conversation's moves lead back to it; a created user to the change of their role.
    expect(Object.keys(described({ method: "post", path: "/conversations/{id}/take" }).responses["200"]!.links!)).toContain("conversation");
    expect(described({ method: "post", path: "/users" }).responses["201"]!.links!.changeRole!.operationId).toBe("patchUsersById");
  });

  it("lists for each operation only the errors it can give, derived from its declaration", () => {
    const statuses = (method: string, path: string) => Object.keys(described({ method, path }).responses).map(Number);
    expect(statuses("get", "/openapi.json")).toEqual([200]);
    expect(statuses("get", "/me")).toEqual([200, 401, 429]);
    expect(statuses("get", "/me/unread")).toEqual([200, 401, 429]);
    expect(statuses("put", "/me/status")).toEqual([200, 400, 401, 403, 413, 429]);
    expect(statuses("post", "/conversations/{id}/take")).toEqual([200, 400, 401, 403, 404, 409, 429]);
    expect(statuses("post", "/conversations/{id}/messages")).toEqual([201, 400, 401, 403, 404, 409, 413, 422, 429, 502]);
    for (const operation of operations) {
      const listed = statuses(operation.method, operation.path);
      expect(listed.includes(422), keyOf(operation)).toBe(operation.idempotent === true);
      if (operation.access === "manager") expect(listed, keyOf(operation)).toContain(403);
      if (operation.access !== "public") expect(listed, keyOf(operation)).toEqual(expect.arrayContaining([401, 429]));
      if (!operation.path.includes("{")) expect(listed, keyOf(operation)).not.toContain(404);
    }
  });
});
