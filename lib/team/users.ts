// Managers create agents and managers and reset their passwords. Passwords are hashed
// with argon2 (lib/auth/password.ts) and never written to the audit log.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/groups/audit-log";
import { invalidFields, parseInput } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/groups/unique-violation";
import type { z } from "zod";
import { newUserSchema, resetPasswordSchema, unknownUser, type NewUserInput, type ResetPasswordInput, type userCreatedAnswer } from "./schemas";

export type TeamUser = Pick<User, "id" | "name" | "email" | "role" | "active">;
// The declared answer of POST /api/v1/users (./schemas.ts) and this type are the same shape, or this does not compile.
const sameShape: [z.output<typeof userCreatedAnswer>["user"]] extends [TeamUser] ? ([TeamUser] extends [z.output<typeof userCreatedAnswer>["user"]] ? true : false) : false = true;
void sameShape;
const teamUser = { id: users.id, name: users.name, email: users.email, role: users.role, active: users.active };

export async function createUser(db: Db, actor: Actor | null | undefined, input: NewUserInput): Promise<{ user: TeamUser }> {
  const manager = requireManager(actor);
  const { name, email, role, password } = parseInput(newUserSchema, input);
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.transaction(async (tx) => {
      const [row] = await tx.insert(users).values({ name, email, role, passwordHash }).returning(teamUser);
      await recordAudit(tx, {
        actorId: manager.id,
        entity: "user",
        entityId: row!.id,
        groupId: null,
        action: "user.created",
        changes: { name: { from: null, to: name }, email: { from: null, to: email }, role: { from: null, to: role } },
      });
      return row!;
    });
    return { user };
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw invalidFields({ email: "team.invalid.emailTaken" });
    throw error;
  }
}

export async function resetPassword(
  db: Db,
  actor: Actor | null | undefined,
  input: ResetPasswordInput,
): Promise<{ user: TeamUser }> {
  const manager = requireManager(actor);
  const { userId, password } = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning(teamUser);
    if (!row) throw unknownUser();
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "user",
      entityId: userId,
      groupId: null,
      action: "user.password_reset",
      changes: { password: { from: null, to: "reset" } },
    });
    return row;
  });
  return { user };
}
