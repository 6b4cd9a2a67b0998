import { listTeam } from "@/lib/team";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listTeam(db, user));
