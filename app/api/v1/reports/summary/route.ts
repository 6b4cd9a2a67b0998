import { readReportSummary } from "@/lib/reports";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

/** SPEC §7: `?from=…&to=…[&groupId=…][&agentId=…][&tz=…]`, managers only. */
export const GET = apiRoute({ role: "manager" }, ({ db, user, query }) => readReportSummary(db, user, query));
