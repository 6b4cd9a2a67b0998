import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { groupMembers } from "@/db/schema";

export async function memberGroupIds(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId));
  return rows.map((r) => r.groupId);
}
