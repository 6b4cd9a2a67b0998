import { managerRoute } from "@/app/api/v1/manager/manager-route";
import { parseReportParams, reportSummary } from "@/lib/reports";

export const dynamic = "force-dynamic";

/** SPEC §7: `?from=…&to=…[&groupId=…][&agentId=…][&tz=…]`, managers only. */
export const GET = managerRoute("GET /api/v1/reports/summary", async ({ db, request }) => {
  const filter = await parseReportParams(db, new URL(request.url).searchParams);
  return reportSummary(db, filter);
});
