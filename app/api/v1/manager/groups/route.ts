import { listGroups } from "@/lib/groups";
import { newGroupBody, readStrictBody } from "@/lib/api/schemas";
import { createGroupAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, ({ db, user }) => listGroups(db, user));

/** Creates a group: `{ name, strategy? }` (201). */
export const POST = apiRoute({ role: "manager", created: true }, async ({ db, user, request }) => {
  // JSON only: a text/plain or form body (which another site can send) is refused.
  return createGroupAnnounced(db, user, await readStrictBody(request, newGroupBody));
});
