import { readGroupHistory } from "@/lib/groups";
import { apiRoute } from "../../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ groupId: string }>({ role: "manager" }, ({ db, user, params }) => readGroupHistory(db, user, params.groupId));
