// The signed-in person for server components, server actions and route handlers.
// The JWT names the user and the session version it was issued under; the database says
// whether they are still active, their current role and whether that version still
// holds, so a deactivated, demoted or signed-out-everywhere user loses access at once.
import { getServerSession } from "next-auth";
import { authOptions } from "./next-auth";
import { loadActiveUser, type SessionUser } from "./users";

export type { SessionUser };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return loadActiveUser(id, session.user.sessionVersion ?? 0);
}
