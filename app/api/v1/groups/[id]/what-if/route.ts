// POST /api/v1/groups/:id/what-if — replay the group's past traffic under proposed
// settings, unsaved, beside the settings in force (docs/what-if.md). Manager only; reads only.
import { readJsonObject } from "@/lib/http/read-json";
import { runWhatIf } from "@/lib/what-if/run-what-if";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, async ({ db, user, params, request }) =>
  runWhatIf(db, user, params.id, await readJsonObject(request)),
);
