import { createGroup, listGroups } from "@/lib/groups";
import { publish } from "@/lib/realtime/publish";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listGroups(db, user));

/** Creates a group: `{ name, strategy? }`. */
export const POST = apiRoute({ role: "manager" }, async ({ db, user, request }) => {
  const result = await createGroup(db, user, await request.json().catch(() => null));
  publish({ type: "group.changed", groupId: result.group.id });
  return result;
});
