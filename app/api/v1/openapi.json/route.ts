// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas.
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "public" }, () => buildOpenApiDocument());
