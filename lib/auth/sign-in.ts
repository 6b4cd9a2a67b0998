// Checks credentials with throttling (throttle.ts); the next-auth credentials provider calls it.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { hashPassword, verifyPassword } from "./password";
import type { Actor } from "./permissions";
import { recordFailure, recordSuccess, throttleState } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

// Unknown emails are checked against a throwaway hash so that they cost as much as a
// wrong password: the response time does not tell which emails exist.
let dummyHash: Promise<string> | undefined;

export type SignedIn = Actor & { name: string; email: string; sessionVersion: number };

export async function signInWithPassword(db: Db, input: unknown, address: string | null): Promise<SignedIn> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new UserError("invalid_input", "Wrong email or password.");
  const { email, password } = parsed.data;

  const throttle = await throttleState(db, email, address);
  if (throttle.lockedUntil) {
    throw new UserError("throttled", `Too many failed attempts. Try again at ${throttle.lockedUntil.toISOString()}.`, {
      retryAt: throttle.lockedUntil.toISOString(),
    });
  }
  // An address with many recent failures waits before each attempt (progressively).
  if (throttle.delayMs > 0) await sleep(throttle.delayMs);

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await (dummyHash ??= hashPassword(randomUUID()))), password);
  if (!user || !valid) {
    await recordFailure(db, email, address);
    throw new UserError("unauthenticated", "Wrong email or password.");
  }
  // Only someone who knows the password learns that the account is deactivated.
  if (!user.active) throw new UserError("forbidden", "This account is deactivated.", { reason: "deactivated" });
  await recordSuccess(db, email);
  return { id: user.id, role: user.role, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}
