import { readReportSummary } from "@/lib/reports";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

/** docs/behaviour.md#reports: `?from=…&to=…[&groupId=…][&agentId=…][&tz=…]`, managers only. */
export const GET = apiRoute({ role: "manager" }, ({ db, user, query }) => readReportSummary(db, user, query));
