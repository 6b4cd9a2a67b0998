// POST /api/v1/users/:id/unlock (managers) — lift the lock that failed sign-ins put on the account.
import { parseId } from "@/lib/errors";
import { unlockSignIn } from "@/lib/team";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "manager" }, ({ db, user, params }) => unlockSignIn(db, user, { userId: parseId(params.id, "userId") }));
