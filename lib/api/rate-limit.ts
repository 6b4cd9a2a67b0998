// The API's rate limits (SPEC §10): fixed one-minute windows counted in PostgreSQL, so
// every instance sees the same count. One upsert per key per request.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const WINDOW_SECONDS = 60;

/** Counts one request (keys have no commas: "token:12", "user:3") against each key; refused when any key is over `limit` in the current minute. */
export async function hitRateLimit(db: Db, keys: string[], limit: number): Promise<RateLimitVerdict> {
  if (keys.length === 0) return { allowed: true };
  const rows = await db.execute<{ count: number; retryAfter: number }>(sql`
    INSERT INTO rate_limit_windows (key, window_start, count)
    SELECT k, to_timestamp(floor(extract(epoch FROM now()) / ${WINDOW_SECONDS}) * ${WINDOW_SECONDS}), 1
      FROM unnest(string_to_array(${keys.join(",")}, ',')) AS k
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
    RETURNING count, ceil(extract(epoch FROM window_start + make_interval(secs => ${WINDOW_SECONDS}) - now()))::int AS "retryAfter"`);
  const over = rows.filter((row) => row.count > limit);
  if (over.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, ...over.map((row) => row.retryAfter)) };
}

/** Windows older than an hour are of no use: dropped by the sweep. */
export async function pruneRateLimitWindows(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
}
