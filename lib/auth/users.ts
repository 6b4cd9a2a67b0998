import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type User } from "@/db/schema";
import type { Actor } from "./permissions";

export type SessionUser = Actor & Pick<User, "name" | "email" | "status">;

/**
 * The user behind a session, or null when they no longer exist, were deactivated, or the
 * session was issued under an older session version (password reset, role change,
 * deactivation, "sign out everywhere").
 */
export async function loadActiveUser(id: number, sessionVersion: number): Promise<SessionUser | null> {
  const [user] = await getDb()
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      status: users.status,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, role: user.role, name: user.name, email: user.email, status: user.status };
}

/** Why a session that was valid is no longer: the account was deactivated, or its sessions were ended. */
export async function sessionEndReason(id: number): Promise<"deactivated" | "signed-out"> {
  const [user] = await getDb().select({ active: users.active }).from(users).where(eq(users.id, id)).limit(1);
  return user && !user.active ? "deactivated" : "signed-out";
}

/** Ends every session of a user (theirs and on every device); their sockets are the caller's to close. */
export async function endAllSessions(userId: number): Promise<void> {
  await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
