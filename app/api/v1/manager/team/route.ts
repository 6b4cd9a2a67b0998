import { listTeam } from "@/lib/team";
import { managerRoute } from "../manager-route";

export const dynamic = "force-dynamic";

export const GET = managerRoute("GET /api/v1/manager/team", ({ db, user }) => listTeam(db, user));
