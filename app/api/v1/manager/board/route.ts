import { readBoard } from "@/lib/board";
import { idParam, managerRoute } from "../manager-route";

export const dynamic = "force-dynamic";

/** The whole board, or one group's with `?groupId=`. */
export const GET = managerRoute("GET /api/v1/manager/board", ({ db, user, request }) => {
  const groupId = new URL(request.url).searchParams.get("groupId");
  return readBoard(db, user, groupId === null ? {} : { groupId: idParam(groupId) });
});
