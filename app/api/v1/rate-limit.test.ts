// The API's rate limit (SPEC §10), per user and per token, counted in PostgreSQL so every
// instance sees it: over the limit, 429 with Retry-After, and another user is not affected.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hitRateLimit } from "@/lib/api/rate-limit";
import { DEMO_PASSWORD } from "@/db/seed";
import { createApiToken } from "@/lib/api/tokens";
import { callRoute } from "@/test/api-client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";

const state = vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "5";
  return { db: undefined as unknown };
});
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

const me = await import("./me/route");

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
});
