// The API's rate limit (docs/behaviour.md#public-api), per user and per token, counted in PostgreSQL so every
// instance sees it: over the limit, 429 with Retry-After, and another user is not affected.
// Issue 25 item 5: the server actions share the user's count; unknown tokens are limited per address.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hitRateLimit } from "@/lib/api/rate-limit";
import { DEMO_PASSWORD } from "@/db/seed";
import { createApiToken } from "@/lib/api/tokens";
import { callRoute } from "@/test/api-client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";
import type { SessionUser } from "@/lib/auth/session";
import { UNKNOWN_TOKEN_LIMIT_PER_MINUTE } from "@/lib/api/rate-limit";

const state = vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "5";
  return { db: undefined as unknown, user: null as SessionUser | null };
});
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));

const me = await import("./me/route");
const statusActions = await import("@/app/actions/status");

/** Windows are whole minutes: a test that counts starts well inside one, not at its edge. */
async function awayFromWindowEdge() {
  while (Date.now() % 60_000 > 45_000) await new Promise((resolve) => setTimeout(resolve, 500));
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
});
afterAll(() => t.drop());

describe("rate limit", () => {
  it("answers 429 with Retry-After past the limit, per user across their tokens, and not for others", async () => {
    const ana = await actorOf(t.db, "ana");
    const first = (await createApiToken(t.db, ana, { name: "one", password: DEMO_PASSWORD })).token;
    const second = (await createApiToken(t.db, ana, { name: "two", password: DEMO_PASSWORD })).token;
    const bruno = (await createApiToken(t.db, await actorOf(t.db, "bruno"), { name: "bruno", password: DEMO_PASSWORD })).token;
    const get = (token: string) => callRoute(me.GET as never, { path: "/me", token });

    for (let i = 0; i < 3; i++) expect((await get(first)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(second)).status).toBe(200);
    // Ana's sixth request this minute, whichever token carries it.
    const refused = await get(second);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("throttled");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await get(first)).status).toBe(429);
    expect((await get(bruno)).status).toBe(200);
  });

  it("counts in the database: two pools see one count", async () => {
    const verdicts = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(t.db, ["test:shared"], 5)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it("server actions count against the same limit: once the API answers 429, the user's actions are refused too (issue 25 item 5)", async () => {
    await awayFromWindowEdge();
    const carla = await actorOf(t.db, "carla");
    const token = (await createApiToken(t.db, carla, { name: "script", password: DEMO_PASSWORD })).token;
    const get = () => callRoute(me.GET as never, { path: "/me", token });
    let status = 200;
    for (let i = 0; i < 10 && status === 200; i++) status = (await get()).status;
    expect(status).toBe(429);
    state.user = { ...carla, name: "Carla", email: "carla@fila.test", status: "offline" };
    try {
      expect(await statusActions.setMyStatus("online")).toEqual({ ok: false, error: expect.objectContaining({ code: "throttled" }) });
    } finally {
      state.user = null;
    }
    const [row] = await t.db.execute<{ status: string }>(sql`SELECT status FROM users WHERE id = ${carla.id}`);
    expect(row!.status).toBe("offline");
  });

  it("a server action alone is limited: the sixth of a minute is refused (issue 25 item 5)", async () => {
    await awayFromWindowEdge();
    const diego = await actorOf(t.db, "diego");
    state.user = { ...diego, name: "Diego", email: "diego@fila.test", status: "offline" };
    try {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await statusActions.setMyStatus(i % 2 === 0 ? "online" : "offline"));
      expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
      expect(results[5]).toEqual({ ok: false, error: expect.objectContaining({ code: "throttled" }) });
    } finally {
      state.user = null;
    }
  });

  it("unknown tokens are limited per address, before the lookup: 30 from one address end in 429 (issue 25 item 5)", async () => {
    await awayFromWindowEdge();
    const guess = (address: string, token = "fila_unknown_token_guess") =>
      callRoute(me.GET as never, { path: "/me", token, headers: { "x-fila-client-addr": address } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await guess("203.0.113.9", `fila_guess_${i}`)).status);
    expect(statuses.slice(0, UNKNOWN_TOKEN_LIMIT_PER_MINUTE)).toEqual(Array(UNKNOWN_TOKEN_LIMIT_PER_MINUTE).fill(401));
    expect(statuses.slice(UNKNOWN_TOKEN_LIMIT_PER_MINUTE)).toEqual(Array(30 - UNKNOWN_TOKEN_LIMIT_PER_MINUTE).fill(429));
    const refused = await guess("203.0.113.9");
    expect(refused.body.error.code).toBe("throttled");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another address is not affected; nor is a real token from it.
    expect((await guess("198.51.100.7")).status).toBe(401);
    const elisa = (await createApiToken(t.db, await actorOf(t.db, "elisa"), { name: "elisa", password: DEMO_PASSWORD })).token;
    expect((await callRoute(me.GET as never, { path: "/me", token: elisa, headers: { "x-fila-client-addr": "198.51.100.7" } })).status).toBe(200);
  });
});
