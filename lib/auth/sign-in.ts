// Checks credentials with throttling; the next-auth credentials provider calls it.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "./password";
import type { Actor } from "./permissions";
import { recordAttempt, throttledKeys, throttleKeys } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

// Unknown emails are checked against a throwaway hash so that they cost as much as a
// wrong password: the response time does not tell which emails exist.
let dummyHash: Promise<string> | undefined;

export async function signInWithPassword(
  db: Db,
  input: unknown,
  address: string | null,
): Promise<Actor & { name: string; email: string }> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new UserError("invalid_input", "Wrong email or password.");
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, address);

  if ((await throttledKeys(db, keys)).length > 0) {
    throw new UserError("throttled", "Too many failed attempts. Try again in a few minutes.");
  }
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await (dummyHash ??= hashPassword(randomUUID()))), password);
  if (!user || !valid || !user.active) {
    await recordAttempt(db, keys, false);
    throw new UserError("unauthenticated", "Wrong email or password.");
  }
  await recordAttempt(db, keys, true);
  return { id: user.id, role: user.role, name: user.name, email: user.email };
}
