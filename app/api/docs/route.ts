// GET /api/docs — a readable reference of the public API, from the OpenAPI document.
import { renderReferencePage } from "@/lib/api/reference-page";
import { apiRoute } from "../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "public" }, () => new Response(renderReferencePage(), { headers: { "content-type": "text/html; charset=utf-8" } }));
