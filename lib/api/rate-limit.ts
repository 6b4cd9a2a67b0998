// The rate limits (docs/behaviour.md#public-api): fixed one-minute windows counted in PostgreSQL, so every
// instance sees the same count. One upsert per key per request. One limiter for the API
// and the server actions (issue 25 item 5): every signed-in request counts against its
// user (and its API token), whichever way it came; a request with an unknown bearer
// token counts against its address, and past UNKNOWN_TOKEN_LIMIT_PER_MINUTE the address
// is refused before any token is looked up.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";

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

/** The current count of a key, without counting: refused when it is already over `limit`. */
export async function peekRateLimit(db: Db, key: string, limit: number): Promise<RateLimitVerdict> {
  const [row] = await db.execute<{ count: number; retryAfter: number }>(sql`
    SELECT count, ceil(extract(epoch FROM window_start + make_interval(secs => ${WINDOW_SECONDS}) - now()))::int AS "retryAfter"
      FROM rate_limit_windows
     WHERE key = ${key} AND window_start = to_timestamp(floor(extract(epoch FROM now()) / ${WINDOW_SECONDS}) * ${WINDOW_SECONDS})`);
  if (!row || row.count < limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, row.retryAfter) };
}

const throttled = (verdict: Extract<RateLimitVerdict, { allowed: false }>) =>
  new UserError("throttled", "Too many requests. Try again later.", { retryAfterSeconds: verdict.retryAfterSeconds });

/** Counts a signed-in request (API call or server action) against its user and token; throttled past API_RATE_LIMIT_PER_MINUTE. */
export async function enforceRateLimit(db: Db, who: { userId: number; tokenId?: number | null }): Promise<void> {
  const keys = [`user:${who.userId}`, ...(who.tokenId == null ? [] : [`token:${who.tokenId}`])];
  const verdict = await hitRateLimit(db, keys, env().API_RATE_LIMIT_PER_MINUTE);
  if (!verdict.allowed) throw throttled(verdict);
}

/** Unknown bearer tokens a minute from one address: a guesser is refused before each costs a lookup. */
export const UNKNOWN_TOKEN_LIMIT_PER_MINUTE = 20;
const unknownTokenKey = (address: string) => `badtoken:${address.replaceAll(",", "_")}`;

/** Before a token lookup: throttled when this address already sent too many unknown tokens this minute. */
export async function refuseTokenGuesser(db: Db, address: string | null): Promise<void> {
  if (!address) return;
  const verdict = await peekRateLimit(db, unknownTokenKey(address), UNKNOWN_TOKEN_LIMIT_PER_MINUTE);
  if (!verdict.allowed) throw throttled(verdict);
}

/** After a lookup found no token: counts it against the address (throttled once past the limit). */
export async function countUnknownToken(db: Db, address: string | null): Promise<void> {
  if (!address) return;
  const verdict = await hitRateLimit(db, [unknownTokenKey(address)], UNKNOWN_TOKEN_LIMIT_PER_MINUTE);
  if (!verdict.allowed) throw throttled(verdict);
}

/** Windows older than an hour are of no use: dropped by the sweep. */
export async function pruneRateLimitWindows(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
}
