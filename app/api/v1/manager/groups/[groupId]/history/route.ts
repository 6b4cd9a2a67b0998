import { readGroupHistory } from "@/lib/groups";
import { idParam, managerRoute } from "../../../manager-route";

export const dynamic = "force-dynamic";

export const GET = managerRoute<{ groupId: string }>("GET /api/v1/manager/groups/[groupId]/history", ({ db, user, params }) =>
  readGroupHistory(db, user, idParam(params.groupId)),
);
