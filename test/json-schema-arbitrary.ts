// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values a schema
// accepts (as far as types, enums, bounds and required fields go), and values it should
// refuse (wrong types, unknown fields, huge numbers, text that is no JSON), for the API's
// property test.
import fc from "fast-check";

type JsonSchema = { type?: string | string[]; enum?: unknown[]; const?: unknown; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; minLength?: number; maxLength?: number; format?: string; pattern?: string; default?: unknown };

const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());

/** Values of the schema's shape (some a server may still refuse: a pattern, a refinement). */
export function valueOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.anything({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => valueOf(choice, depth + 1)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => valueOf({ ...schema, type }, depth + 1)));
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = Math.max(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000), -1e9);
      const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 1000), 1e9);
      return fc.integer({ min, max: Math.max(min, max) });
    }
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case "string":
      if (schema.format === "date-time") return instant;
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) });
    case "array":
      return fc.array(valueOf(schema.items, depth + 1), { maxLength: 3 });
    case "object": {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueOf(property, depth + 1)]));
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** What a client might send instead: wrong types, an unknown field, absurd numbers, a huge string, no object at all. */
export function invalidValueOf(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const valid = valueOf(schema);
  return fc.oneof(
    valid.chain((value) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? fc.tuple(fc.constantFrom("private", "__proto__x", "rol", "extra"), fc.anything({ maxDepth: 1 })).map(([name, extra]) => ({ ...value, [name]: extra }))
        : fc.constant(value),
    ),
    valid.chain((value) =>
      value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0
        ? fc.tuple(fc.constantFrom(...Object.keys(value)), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(1e308), fc.constant(-1), fc.array(fc.integer()), fc.constant("x".repeat(5000)))).map(([name, wrong]) => ({ ...value, [name]: wrong }))
        : fc.constant(value),
    ),
    fc.anything({ maxDepth: 2 }),
  );
}

/** A request body: JSON of a value (valid or not), or text that is not JSON. */
export function bodyOf(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: valueOf(schema).map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: invalidValueOf(schema).map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "not json", "[]", "null", '{"a":1}{') },
  );
}
