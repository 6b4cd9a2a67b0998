// The OpenAPI 3.1 document of /api/v1 (docs/behaviour.md#public-api), generated from the operations list and
// the zod schemas that validate each request (zod's own JSON Schema output), and the
// answers from the zod schemas declared beside their commands (operation.answer); a named
// one (.meta({ id })) is a component. Written here only: the error envelope (and the
// what-if answer's JSON Schema, from lib/what-if/).
import { z } from "zod";
import { WHAT_IF_ANSWER_SCHEMA } from "@/lib/what-if/answer-schema";
import { errorStatusesOf } from "./error-statuses";
import examples from "./examples.json";
import { operations, type Operation, type OperationKey } from "./operations";

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  // The input side: what a client sends (defaults make a field optional, transforms are the server's).
  const generated = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  // The document's dialect is OpenAPI 3.1's own (JSON Schema 2020-12): no $schema per schema.
  delete generated.$schema;
  return generated;
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    ok: { const: false },
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Stable code: unauthenticated, forbidden, not_found, invalid_input, conflict, throttled, busy, unprocessable, too_large, not_configured, method_not_allowed, …" },
        message: { type: "string", description: "English sentence for logs and people" },
        fields: { type: "object", additionalProperties: { type: "string" }, description: "Per invalid field, the key of its message in Fila's catalog" },
        params: { type: "object", additionalProperties: { type: ["string", "number"] } },
      },
    },
  },
};

/**
 * The JSON Schema of an answer (what the server sends: io "output"); the named schemas it
 * uses (zod's $defs) go to components.schemas, and a named root becomes a $ref.
 */
function answerSchemaOf(schema: z.ZodType, components: Record<string, JsonSchema>): JsonSchema {
  const generated = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
  delete generated.$schema;
  const text = JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $defs, ...root } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  Object.assign(components, $defs ?? {});
  return root;
}

function parametersOf(operation: Operation) {
  const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1]!,
    in: "path",
    required: true,
    // Ids are integers, but a delivery is named by its X-Fila-Delivery (a UUID).
    schema: match[1] === "deliveryId" ? { type: "string", format: "uuid" } : { type: "integer", minimum: 1, maximum: 2_147_483_647 },
  }));
  const query = operation.query ? jsonSchemaOf(operation.query) : undefined;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const inQuery = Object.entries((query?.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema,
  }));
  const idempotency = operation.idempotent
    ? [{ name: "Idempotency-Key", in: "header", required: false, description: "A retry with the same key (within 24 h) gets the first answer; nothing is created twice", schema: { type: "string", maxLength: 200 } }]
    : [];
  return [...inPath, ...inQuery, ...idempotency];
}

/** A real request and answer of each operation, recorded by the contract test (app/api/v1/contract.test.ts). */
type Example = { request?: unknown; answer: unknown };
const EXAMPLES = examples as Record<string, Example | undefined>;

export const keyOf = (operation: Pick<Operation, "method" | "path">): OperationKey => `${operation.method} ${operation.path}` as OperationKey;

export const operationIdOf = (operation: Pick<Operation, "method" | "path">) =>
  `${operation.method}${operation.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`;

function linksOf(operation: Operation) {
  if (!operation.links) return undefined;
  return Object.fromEntries(
    Object.entries(operation.links).map(([name, link]) => {
      const [method, path] = link.operation.split(" ") as [string, string];
      return [name, { operationId: operationIdOf({ method: method as Operation["method"], path }), parameters: link.parameters, description: link.description }];
    }),
  );
}

function operationObject(operation: Operation, components: Record<string, JsonSchema>) {
  const answer = operation.answer ? answerSchemaOf(operation.answer, components) : operation.answerRef ? { $ref: `#/components/schemas/${operation.answerRef}` } : { type: "object" };
  const example = EXAMPLES[keyOf(operation)];
  const success = {
    description: operation.created ? "Created" : "OK",
    content: { [operation.produces ?? "application/json"]: { schema: answer, ...(example && { example: example.answer }) } },
    ...(operation.links && { links: linksOf(operation) }),
  };
  const errors = Object.fromEntries(
    [...errorStatusesOf(operation)].map(([status, why]) => [
      String(status),
      status === 429 ? { ...errorResponse(why), headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } } : errorResponse(why),
    ]),
  );
  const signedIn = operation.access !== "public";
  return {
    operationId: operationIdOf(operation),
    summary: operation.summary,
    tags: [operation.tag],
    ...(operation.access === "manager" && { description: "Managers only." }),
    ...(!signedIn && { security: [] }),
    parameters: parametersOf(operation),
    ...(operation.upload && { requestBody: { required: true, content: { "*/*": { schema: { type: "string", format: "binary" } } } } }),
    ...(operation.body && {
      requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(operation.body), ...(example?.request !== undefined && { example: example.request }) } } },
    }),
    responses: { [operation.created ? "201" : "200"]: success, ...errors },
  };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const answers: Record<string, JsonSchema> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = operationObject(operation, answers);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Fila API",
      version: "1.0.0",
      description:
        "Everything a person does in Fila, a program can do, under the same permissions. Authenticate with the header Authorization: Bearer <personal API token> (create one on your profile) or the browser's session cookie. Rate limit: per token and per user, per minute (429 with Retry-After).",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token (fila_…)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: ERROR_SCHEMA, WhatIfAnswer: WHAT_IF_ANSWER_SCHEMA, ...answers },
    },
  };
}
