// GET /api/v1/users — the team. POST — create a user (Idempotency-Key honoured). Managers.
import { readJsonObject } from "@/lib/http/read-json";
import { createUser, listTeam } from "@/lib/team";
import type { NewUserInput } from "@/lib/team/schemas";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listTeam(db, user));

export const POST = apiRoute({ role: "manager", idempotent: true }, async ({ db, user, request }) =>
  createUser(db, user, (await readJsonObject(request)) as NewUserInput),
);
