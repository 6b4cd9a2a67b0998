// A manager ends someone's sessions ("sign out everywhere") or lifts the sign-in lock
// of an account (issue 11 findings 1 and 4). Each is audited.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { accountLockedUntil, unlockAccount } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/groups/audit-log";
import { parseInput } from "@/lib/errors";
import { unknownUser, userSessionsSchema, type UserSessionsInput } from "./schemas";

async function userById(db: Db, userId: number) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  if (!row) throw unknownUser();
  return row;
}

/** Every session of the user ends (the browser's next request and socket are refused). */
export async function signOutEverywhere(db: Db, actor: Actor | null | undefined, input: UserSessionsInput) {
  const manager = requireManager(actor);
  const { userId } = parseInput(userSessionsSchema, input);
  const user = await userById(db, userId);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: manager.id, entity: "user", entityId: userId, groupId: null, action: "user.signed_out_everywhere", changes: {} });
  });
  return { user: { id: user.id, name: user.name } };
}

/** Lifts the lock that failed sign-ins put on the account. */
export async function unlockSignIn(db: Db, actor: Actor | null | undefined, input: UserSessionsInput) {
  const manager = requireManager(actor);
  const { userId } = parseInput(userSessionsSchema, input);
  const user = await userById(db, userId);
  const lockedUntil = await accountLockedUntil(db, user.email);
  await unlockAccount(db, user.email);
  await recordAudit(db, {
    actorId: manager.id,
    entity: "user",
    entityId: userId,
    groupId: null,
    action: "user.sign_in_unlocked",
    changes: { lockedUntil: { from: lockedUntil?.toISOString() ?? null, to: null } },
  });
  return { user: { id: user.id, name: user.name } };
}
