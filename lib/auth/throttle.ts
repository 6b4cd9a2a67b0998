// Sign-in throttling, stored in PostgreSQL so that it holds across instances:
// after MAX_FAILURES failures in WINDOW (since the last success), a key is refused
// until the oldest of those failures leaves the window.
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

export const throttleKeys = (email: string, address: string | null) =>
  [`email:${email.trim().toLowerCase()}`, ...(address ? [`ip:${address}`] : [])];

/** The keys that are throttled now. */
export async function throttledKeys(db: Queryable, keys: string[]): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(sql`
    SELECT a.key
      FROM ${loginAttempts} a
     WHERE a.key IN ${keys.length ? sql`(${sql.join(keys.map((k) => sql`${k}`), sql`, `)})` : sql`(NULL)`}
       AND a.success = false
       AND a.created_at > now() - make_interval(mins => ${WINDOW_MINUTES})
       AND a.created_at > COALESCE((SELECT max(s.created_at) FROM ${loginAttempts} s WHERE s.key = a.key AND s.success), '-infinity')
     GROUP BY a.key
    HAVING count(*) >= ${MAX_FAILURES}`);
  return rows.map((r) => r.key);
}

export async function recordAttempt(db: Queryable, keys: string[], success: boolean) {
  if (keys.length === 0) return;
  await db.insert(loginAttempts).values(keys.map((key) => ({ key, success })));
}

/** Attempts older than the window no longer matter. */
export async function pruneAttempts(db: Queryable) {
  await db.execute(sql`DELETE FROM ${loginAttempts} WHERE created_at < now() - make_interval(mins => ${WINDOW_MINUTES * 2})`);
}
