import { createGroup, listGroups } from "@/lib/groups";
import { readJsonBody } from "@/lib/http/read-json";
import { publish } from "@/lib/realtime/publish";
import { managerRoute } from "../manager-route";

export const dynamic = "force-dynamic";

export const GET = managerRoute("GET /api/v1/manager/groups", ({ db, user }) => listGroups(db, user));

/** Creates a group: `{ name, strategy? }`. */
export const POST = managerRoute("POST /api/v1/manager/groups", async ({ db, user, request }) => {
  const body = await readJsonBody(request);
  const result = await createGroup(db, user, body as never);
  publish({ type: "group.changed", groupId: result.group.id });
  return result;
});
