// Writes lib/api/generated/openapi.d.ts: the TypeScript types openapi-typescript makes of
// the OpenAPI document, what an integrator's generated client sees. The typed-client test
// (app/api/v1/typed-client.test.ts) calls the API through them and fails when this file is
// not current. Run: node_modules/.bin/tsx scripts/generate-api-types.ts
import { writeFileSync } from "node:fs";
import { apiTypesSource, API_TYPES_FILE } from "@/lib/api/generated-types";

writeFileSync(API_TYPES_FILE, await apiTypesSource());
console.log(`wrote ${API_TYPES_FILE}`);
