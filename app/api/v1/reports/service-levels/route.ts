// GET /api/v1/reports/service-levels — the targets' hit rate per group over a period
// (docs/behaviour.md#service-levels), with the report parameters; managers only.
import { readServiceLevelHitRate } from "@/lib/service-levels/hit-rate";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user, query }) => readServiceLevelHitRate(db, user, query));
