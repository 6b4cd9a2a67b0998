import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type User } from "@/db/schema";
import type { Actor } from "./permissions";

export type SessionUser = Actor & Pick<User, "name" | "email" | "status">;

/** The user behind a session, or null when they no longer exist or were deactivated. */
export async function loadActiveUser(id: number): Promise<SessionUser | null> {
  const [user] = await getDb()
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, status: users.status, active: users.active })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user || !user.active) return null;
  return { id: user.id, role: user.role, name: user.name, email: user.email, status: user.status };
}
