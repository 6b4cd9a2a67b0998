// GET /api/v1/users — the team. POST — create a user (201; Idempotency-Key honoured). Managers.
import { newUserBody, readStrictBody } from "@/lib/api/schemas";
import { createUser, listTeam } from "@/lib/team";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listTeam(db, user));

export const POST = apiRoute({ role: "manager", idempotent: true, created: true }, async ({ db, user, request }) =>
  createUser(db, user, await readStrictBody(request, newUserBody)),
);
