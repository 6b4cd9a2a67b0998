// GET /api/v1/groups — channel groups with their strategy and counts (managers).
import { listGroups } from "@/lib/groups";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listGroups(db, user));
