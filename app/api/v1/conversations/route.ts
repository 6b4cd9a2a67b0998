// GET /api/v1/conversations?tab=mine|queue|all&q=&group=&status= — one tab of the
// inbox and the counts of every tab, for the signed-in user.
import { getDb } from "@/db/client";
import { requireActor, requireGroupAccess, requireManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { invalidInput } from "@/lib/auth/validated-action";
import { countInboxTabs, listInboxConversations } from "@/lib/inbox/conversation-list";
import { listQuery } from "@/lib/inbox/list-query";
import type { InboxList } from "@/lib/inbox/types";
import { json, jsonError } from "./route-support";

export const dynamic = "force-dynamic";


export async function GET(request: Request) {
  try {
    const viewer = requireActor(await currentUser());
    const parsed = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw invalidInput(parsed.error);
    const { tab, q, group, status } = parsed.data;
    if (tab === "all") requireManager(viewer);
    if (group) await requireGroupAccess(getDb(), viewer, group);

    const db = getDb();
    const [items, counts] = await Promise.all([
      listInboxConversations(db, { viewer, tab, search: q, groupId: group, status }),
      countInboxTabs(db, viewer),
    ]);
    return json({ items, counts } satisfies InboxList);
  } catch (error) {
    return jsonError(error, "GET /api/v1/conversations");
  }
}
