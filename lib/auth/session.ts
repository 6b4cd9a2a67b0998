// The signed-in person for server components, server actions and route handlers.
// The JWT names the user; the database says whether they are still active and their
// current role, so a deactivated or demoted user loses access at once.
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authOptions } from "./next-auth";
import type { Actor } from "./permissions";

export type SessionUser = Actor & { name: string; email: string; status: "online" | "paused" | "offline" };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return loadActiveUser(id);
}

export async function loadActiveUser(id: number): Promise<SessionUser | null> {
  const [user] = await getDb()
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, status: users.status, active: users.active })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user || !user.active) return null;
  return { id: user.id, role: user.role, name: user.name, email: user.email, status: user.status };
}
