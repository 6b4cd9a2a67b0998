// GET /api/v1/conversations/:id/transfer-targets — the other groups the conversation may be
// transferred to, each with its members' status and load (the transfer picker).
import { readTransferTargets } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params }) => readTransferTargets(db, user, params.id));
