import { readGroupDetails } from "@/lib/groups";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ groupId: string }>({ role: "manager" }, ({ db, user, params }) => readGroupDetails(db, user, params.groupId));
