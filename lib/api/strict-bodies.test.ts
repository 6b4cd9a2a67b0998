// SPEC §10 "Strict": every request body of the API refuses a field it does not know,
// naming it, and the OpenAPI document states the limits the server enforces — probed
// here at each stated bound (the bound passes that field's checks, one past it fails).
import { describe, expect, it } from "vitest";
import { parseInput, UserError } from "@/lib/errors";
import { buildOpenApiDocument } from "./openapi";
import { operations } from "./operations";

type JsonSchema = { type?: string | string[]; maxLength?: number; minLength?: number; minimum?: number; maximum?: number; format?: string; pattern?: string; anyOf?: JsonSchema[]; properties?: Record<string, JsonSchema> };

const document = buildOpenApiDocument();
const withBody = operations.filter((operation) => operation.body);

/** The fields refused when `input` is parsed with `schema` (none when accepted). */
function refusedFields(schema: Parameters<typeof parseInput>[0], input: unknown): Record<string, string> {
  try {
    parseInput(schema, input);
    return {};
  } catch (error) {
    if (error instanceof UserError) return error.fields ?? {};
    throw error;
  }
}

function bodySchemaOf(method: string, path: string): JsonSchema {
  const operation = (document.paths[path] as Record<string, { requestBody: { content: { "application/json": { schema: JsonSchema } } } }>)[method]!;
  return operation.requestBody.content["application/json"].schema;
}

describe("strict bodies", () => {
  it.each(withBody.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s refuses an unknown field, naming it, and says so in the document", (_label, operation) => {
    const fields = refusedFields(operation.body!, { private: true, zzNotAField: 1 });
    expect(fields).toMatchObject({ private: "error.unknownField", zzNotAField: "error.unknownField" });
    expect(bodySchemaOf(operation.method, operation.path)).toMatchObject({ additionalProperties: false });
  });

  it("POST /conversations/{id}/messages with a misspelt `private` is refused, not sent", () => {
    const reply = operations.find((o) => o.method === "post" && o.path === "/conversations/{id}/messages")!;
    expect(refusedFields(reply.body!, { text: "a note?", private: true })).toEqual({ private: "error.unknownField" });
    expect(refusedFields(reply.body!, { text: "olá" })).toEqual({});
  });
});

describe("the document's limits are the server's", () => {
  const probes: { label: string; schema: Parameters<typeof parseInput>[0]; field: string; ok: unknown; tooFar: unknown }[] = [];
  for (const operation of operations) {
    const sources = [
      ...(operation.body ? [[operation.body, bodySchemaOf(operation.method, operation.path).properties ?? {}] as const] : []),
      ...(operation.query
        ? [[operation.query, Object.fromEntries(((document.paths[operation.path] as Record<string, { parameters: { name: string; in: string; schema: JsonSchema }[] }>)[operation.method]!.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p.schema]))] as const]
        : []),
    ];
    for (const [schema, properties] of sources) {
      for (const [field, raw] of Object.entries(properties)) {
        const property = raw.anyOf?.find((s) => s.type === "string" || s.type === "integer" || s.type === "number") ?? raw;
        const label = `${operation.method.toUpperCase()} ${operation.path} ${field}`;
        // A cursor is opaque: any other value than one the server gave is refused, whatever its length.
        if (property.format || property.pattern || field === "cursor") continue;
        const text = (length: number) => (field === "url" ? `https://a.example/${"a".repeat(Math.max(0, length - 18))}` : "a".repeat(length));
        if (property.type === "string" && property.maxLength !== undefined) {
          probes.push({ label: `${label} maxLength ${property.maxLength}`, schema, field, ok: text(property.maxLength), tooFar: text(property.maxLength + 1) });
        }
        if (property.type === "string" && property.minLength !== undefined && property.minLength > 0) {
          probes.push({ label: `${label} minLength ${property.minLength}`, schema, field, ok: text(property.minLength), tooFar: text(property.minLength - 1) });
        }
        if ((property.type === "integer" || property.type === "number") && property.maximum !== undefined) {
          probes.push({ label: `${label} maximum ${property.maximum}`, schema, field, ok: property.maximum, tooFar: property.maximum + 1 });
        }
        if ((property.type === "integer" || property.type === "number") && property.minimum !== undefined) {
          probes.push({ label: `${label} minimum ${property.minimum}`, schema, field, ok: property.minimum, tooFar: property.minimum - 1 });
        }
      }
    }
  }

  it("finds limits to probe", () => {
    expect(probes.length).toBeGreaterThan(20);
  });

  it.each(probes.map((p) => [p.label, p] as const))("%s", (_label, probe) => {
    expect(refusedFields(probe.schema, { [probe.field]: probe.ok })[probe.field], "at the bound").toBeUndefined();
    expect(refusedFields(probe.schema, { [probe.field]: probe.tooFar })[probe.field], "past the bound").toBeDefined();
  });
});
