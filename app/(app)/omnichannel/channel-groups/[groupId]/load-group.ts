// The group a page under [groupId] is about, for its server render: 404 for a group that
// does not exist (or an id that is not one). Null for a non-manager: the omnichannel
// layout shows them the refusal, but Next renders these segments alongside it, so they
// must not query (the domain would refuse anyway).
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import { readGroupDetails } from "@/lib/groups";
import { parseDecimalInteger } from "@/lib/text-input";

export async function loadGroup(groupIdParam: string) {
  const user = await currentUser();
  if (!user || !isManager(user)) return null;
  const groupId = parseDecimalInteger(groupIdParam);
  if (groupId === null || groupId <= 0 || groupId > 2_147_483_647) notFound();
  try {
    return { user, groupId, details: await readGroupDetails(getDb(), user, groupId) };
  } catch (error) {
    if (error instanceof UserError && error.code === "not_found") notFound();
    throw error;
  }
}
