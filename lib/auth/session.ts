// The signed-in person for server components, server actions and route handlers.
// The JWT names the user; the database says whether they are still active and their
// current role, so a deactivated or demoted user loses access at once.
import { getServerSession } from "next-auth";
import { authOptions } from "./next-auth";
import { loadActiveUser, type SessionUser } from "./users";

export type { SessionUser };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return loadActiveUser(id);
}
