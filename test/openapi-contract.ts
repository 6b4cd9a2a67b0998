// Validates answers against the OpenAPI document itself (not the zod schemas it is made
// from): what an integrator's generated client trusts. For the contract and property
// tests of app/api/v1.
import { Ajv2020 } from "ajv/dist/2020.js";
import { buildOpenApiDocument } from "@/lib/api/openapi";

type Document = ReturnType<typeof buildOpenApiDocument>;
type Responses = Record<string, { content?: Record<string, { schema: unknown }> }>;

const pointer = (...segments: string[]) => segments.map((s) => s.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

export function documentValidator(document: Document = buildOpenApiDocument()) {
  // Formats (date-time, uuid) are the zod schemas' to check; here the shapes, types and enums.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(structuredClone(document), "openapi");
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();

  function responsesOf(method: string, path: string): Responses {
    const operation = (document.paths as Record<string, Record<string, { responses: Responses }>>)[path]?.[method];
    if (!operation) throw new Error(`${method} ${path} is not in the document`);
    return operation.responses;
  }

  const errorShape = ajv.compile({ $ref: "openapi#/components/schemas/Error" });

  return {
    /** Why a body is not the API's error shape (empty when it is). */
    errorShapeErrorsOf: (body: unknown): string[] => (errorShape(body) ? [] : (errorShape.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`)),
    /** The statuses the document lists for the operation. */
    statusesOf: (method: string, path: string) => Object.keys(responsesOf(method, path)).map(Number),
    /** Why a JSON request body does not match the operation's request schema (empty when it does). */
    requestErrorsOf(method: string, path: string, body: unknown): string[] {
      const key = pointer("paths", path, method, "requestBody", "content", "application/json", "schema");
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile({ $ref: `openapi#/${key}` });
        cache.set(key, validate);
      }
      return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    },
    /** Why the JSON body does not match the document's schema for that status (empty when it does). */
    errorsOf(method: string, path: string, status: number, body: unknown): string[] {
      const response = responsesOf(method, path)[String(status)];
      if (!response) return [`status ${status} is not documented for ${method} ${path}`];
      const mediaType = Object.keys(response.content ?? {})[0]!;
      const key = pointer("paths", path, method, "responses", String(status), "content", mediaType, "schema");
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile({ $ref: `openapi#/${key}` });
        cache.set(key, validate);
      }
      return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    },
  };
}
