// Sign-in throttling, stored in PostgreSQL so that it holds across instances
// (issue 11 finding 1). Two kinds of key, each counting failures in a sliding window:
//  - the account (`email:…`): ACCOUNT_MAX_FAILURES failures lock it until the oldest
//    of them leaves the window. Only a success of that same account forgets its
//    failures (someone else's success never does); a manager can unlock it.
//  - the client address (`ip:…`, TRUSTED_PROXIES decides which address that is): an
//    office behind one NAT shares it, so it never locks at an ordinary count. From
//    ADDRESS_DELAY_AFTER failures on, each attempt waits progressively longer; only
//    ADDRESS_MAX_FAILURES (a password spray, not typos) refuse it until the window
//    slides. A success does not forget an address's failures.
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const WINDOW_MINUTES = 15;
export const ACCOUNT_MAX_FAILURES = 5;
/** @deprecated the account limit; kept for readers of the old name. */
export const MAX_FAILURES = ACCOUNT_MAX_FAILURES;
export const ADDRESS_DELAY_AFTER = 10;
export const ADDRESS_MAX_FAILURES = 100;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

export const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

export type ThrottleState = {
  /** When the account or address may try again; null when it may now. */
  lockedUntil: Date | null;
  /** How long to hold this attempt before checking the password. */
  delayMs: number;
};

type Window = { failures: number; unlockAt: Date | null };

/** Failures of a key in the window (since its last success, for an account) and when it drops under `limit`. */
async function windowOf(db: Queryable, key: string, limit: number, resetBySuccess: boolean): Promise<Window> {
  const [row] = await db.execute<{ failures: number; unlock_at: Date | string | null }>(sql`
    WITH failures AS (
      SELECT a.created_at
        FROM ${loginAttempts} a
       WHERE a.key = ${key}
         AND a.success = false
         AND a.created_at > now() - make_interval(mins => ${WINDOW_MINUTES})
         AND (${!resetBySuccess}
              OR a.created_at > COALESCE((SELECT max(s.created_at) FROM ${loginAttempts} s WHERE s.key = ${key} AND s.success), '-infinity'))
    )
    SELECT (SELECT count(*)::int FROM failures) AS failures,
           (SELECT created_at + make_interval(mins => ${WINDOW_MINUTES})
              FROM failures ORDER BY created_at DESC OFFSET ${limit - 1} LIMIT 1) AS unlock_at`);
  const unlockAt = row?.unlock_at ? new Date(row.unlock_at) : null;
  return { failures: row?.failures ?? 0, unlockAt };
}

export async function throttleState(db: Queryable, email: string, address: string | null): Promise<ThrottleState> {
  const account = await windowOf(db, accountKey(email), ACCOUNT_MAX_FAILURES, true);
  const byAddress = address ? await windowOf(db, addressKey(address), ADDRESS_MAX_FAILURES, false) : { failures: 0, unlockAt: null };
  const locks = [
    account.failures >= ACCOUNT_MAX_FAILURES ? account.unlockAt : null,
    byAddress.failures >= ADDRESS_MAX_FAILURES ? byAddress.unlockAt : null,
  ].filter((d): d is Date => d !== null);
  const lockedUntil = locks.length > 0 ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
  const over = byAddress.failures - ADDRESS_DELAY_AFTER;
  const delayMs = over < 0 ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(over, 10));
  return { lockedUntil, delayMs };
}

/** When the account's sign-in is locked until, or null. */
export async function accountLockedUntil(db: Queryable, email: string): Promise<Date | null> {
  const account = await windowOf(db, accountKey(email), ACCOUNT_MAX_FAILURES, true);
  return account.failures >= ACCOUNT_MAX_FAILURES ? account.unlockAt : null;
}

export async function recordFailure(db: Queryable, email: string, address: string | null) {
  await db.insert(loginAttempts).values([{ key: accountKey(email), success: false }, ...(address ? [{ key: addressKey(address), success: false }] : [])]);
}

/** A success forgets the account's failures, never the address's. */
export async function recordSuccess(db: Queryable, email: string) {
  await db.insert(loginAttempts).values({ key: accountKey(email), success: true });
}

/** A manager lets the account try again at once. */
export async function unlockAccount(db: Queryable, email: string) {
  await db.execute(sql`DELETE FROM ${loginAttempts} WHERE key = ${accountKey(email)} AND success = false`);
}

/** Attempts older than the window no longer matter. */
export async function pruneAttempts(db: Queryable) {
  await db.execute(sql`DELETE FROM ${loginAttempts} WHERE created_at < now() - make_interval(mins => ${WINDOW_MINUTES * 2})`);
}
