// POST /api/v1/users/:id/sign-out (managers) — "Sign out everywhere" on a person's row: every
// session and API token of theirs ends, their open tabs at once.
import { parseId } from "@/lib/errors";
import { signOutEverywhereAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => signOutEverywhereAnnounced(db, user, { userId: parseId(params.id, "userId") }));
