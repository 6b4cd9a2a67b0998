// The OpenAPI document validates as OpenAPI 3.1 and describes exactly the route files
// under app/api/v1: a route without its description, or a description without its
// route, fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

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
});
