// PUT /api/v1/groups/:id/members/:userId — add a member. DELETE — remove them (their open
// conversations of the group go back to the queue, unless ?conversations=keep).
// PATCH { maxOpen } — their own cap in the group (null: the group's).
import { memberCapBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { addGroupMemberAnnounced, removeGroupMemberAnnounced, setMemberCapAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../../api-route";

export const dynamic = "force-dynamic";

type Params = { id: string; userId: string };

export const PUT = apiRoute<Params>({ role: "manager" }, ({ db, user, params }) =>
  addGroupMemberAnnounced(db, user, { groupId: parseId(params.id, "groupId"), userId: parseId(params.userId, "userId") }),
);

export const DELETE = apiRoute<Params>({ role: "manager" }, ({ db, user, params, query }) =>
  removeGroupMemberAnnounced(db, user, {
    groupId: parseId(params.id, "groupId"),
    userId: parseId(params.userId, "userId"),
    conversations: query.conversations as "requeue" | "keep" | undefined,
  }),
);

export const PATCH = apiRoute<Params>({ role: "manager" }, async ({ db, user, params, request }) => {
  const member = { groupId: parseId(params.id, "groupId"), userId: parseId(params.userId, "userId") };
  const { maxOpen } = await readStrictBody(request, memberCapBody);
  return setMemberCapAnnounced(db, user, { ...member, maxOpen });
});
