import { readReportHeadline } from "@/lib/reports";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

/** The summary's live counts and headline figures alone (same query), for the page's first paint. */
export const GET = apiRoute({ role: "manager" }, ({ db, user, query }) => readReportHeadline(db, user, query));
