// Idempotent retries of POSTs that create (docs/behaviour.md#public-api): the first request with an
// Idempotency-Key runs and its answer is kept for 24 hours; a retry with the same key and
// body gets that answer again, nothing is created twice. The same key with another body
// is refused (422), and one still running answers 409 — the client retries later.
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { UserError } from "@/lib/errors";

export const IDEMPOTENCY_HOURS = 24;

export type StoredAnswer = { status: number; body: unknown };

export function requestHashOf(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/**
 * Runs `work` once per (user, key): a replay returns the stored answer. Answers with a
 * server error are not kept (the key is freed), so the client may try again.
 */
export async function withIdempotencyKey(
  db: Db,
  input: { userId: number; key: string; requestHash: string },
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const { userId, key, requestHash } = input;
  if (key.length === 0 || key.length > 200) throw new UserError("invalid_input", "Idempotency-Key must be 1 to 200 characters.", {}, { "Idempotency-Key": "error.invalidValue" });
  // A key older than 24 hours is free again.
  await db.execute(sql`DELETE FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key} AND created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`);
  const claimed = await db.insert(idempotencyKeys).values({ userId, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [existing] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!existing) throw new UserError("conflict", "This Idempotency-Key is being used by another request; try again.");
    if (existing.requestHash !== requestHash) {
      throw new UserError("unprocessable", "This Idempotency-Key was used for a different request.", {}, { "Idempotency-Key": "error.invalidValue" });
    }
    if (existing.status === null) throw new UserError("conflict", "A request with this Idempotency-Key is still running; try again.");
    return { status: existing.status, body: existing.response, replayed: true };
  }
  let answer: StoredAnswer;
  try {
    answer = await work();
  } catch (error) {
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    throw error;
  }
  if (answer.status >= 500) {
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  } else {
    await db
      .update(idempotencyKeys)
      .set({ status: answer.status, response: answer.body })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  }
  return { ...answer, replayed: false };
}

export async function pruneIdempotencyKeys(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`);
}
