// POST /api/v1/groups/:id/what-if over the seeded 30 days of history: the answer of docs/what-if.md for
// a manager; 403 for an agent (whatever the group), 404 for a group that does not exist,
// 400 for a bad body; and nothing in the database changes (docs/what-if.md).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createApiToken } from "@/lib/api/tokens";
import { DEMO_PASSWORD } from "@/db/seed";
import { seedHistory } from "@/db/seed-history";
import { callRoute } from "@/test/api-client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, snapshot } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));

const route = await import("./route");

let t: TestDatabase;
const tokens: Record<string, string> = {};
const groups: Record<string, number> = {};

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  await seedHistory(t.sql, { days: 14 });
  for (const handle of ["manager", "ana", "diego"]) tokens[handle] = (await createApiToken(t.db, await actorOf(t.db, handle), { name: "what-if", password: DEMO_PASSWORD })).token;
  for (const name of ["Vendas", "Suporte", "Financeiro"]) groups[name] = await findGroupId(t.db, name);
});
afterAll(() => t.drop());

const tryIt = (token: string, id: number | string, body: unknown) =>
  callRoute(route.POST as Parameters<typeof callRoute>[0], { method: "POST", path: `/groups/${id}/what-if`, params: { id: String(id) }, token, body });

describe("POST /groups/{id}/what-if", () => {
  it("answers a manager with both columns, the calibration and the assumptions, and changes nothing", async () => {
    const before = await snapshot(t.db);
    const { status, body } = await tryIt(tokens.manager!, groups.Vendas!, { days: 14, settings: { strategy: "balanced", maxOpenPerAgent: 2 } });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["assumptions", "calibration", "conversations", "current", "from", "proposed", "to"]);
    expect(body.conversations).toBeGreaterThan(20);
    for (const column of [body.current, body.proposed]) {
      expect(column.perAgent.reduce((s: number, a: { conversations: number }) => s + a.conversations, 0) + column.unassigned).toBe(body.conversations);
      expect(Object.keys(column.queueWaitSeconds).sort()).toEqual(["max", "median", "p90", "p95"]);
      expect(column.queueLength.length).toBeGreaterThan(10);
    }
    expect(body.proposed.settings.maxOpenPerAgent).toBe(2);
    expect(body.current.settings.strategy).toBe("balanced");
    expect(body.calibration.enoughHistory).toBe(true);
    expect(typeof body.calibration.sameAgentShare).toBe("number");
    expect(body.assumptions.map((a: { code: string }) => a.code)).toContain("handling");
    expect(await snapshot(t.db)).toBe(before);
  });

  it("compares the three strategies", async () => {
    const { status, body } = await tryIt(tokens.manager!, groups.Financeiro!, { days: 7, compareStrategies: true });
    expect(status).toBe(200);
    expect(Object.keys(body.strategies).sort()).toEqual(["balanced", "manual", "sequential"]);
    expect(body.assumptions.map((a: { code: string }) => a.code)).toEqual(expect.arrayContaining(["takeDelay"]));
  });

  it("is refused to agents, for every group id, member or not (403)", async () => {
    for (const handle of ["ana", "diego"]) {
      for (const id of [groups.Vendas!, groups.Suporte!, groups.Financeiro!, 987_654]) {
        const { status, body } = await tryIt(tokens[handle]!, id, {});
        expect(status).toBe(403);
        expect(body.error.code).toBe("forbidden");
      }
    }
  });

  it("answers 404 for a group that does not exist and 400 for a bad id or body", async () => {
    expect((await tryIt(tokens.manager!, 987_654, {})).status).toBe(404);
    expect((await tryIt(tokens.manager!, "abc", {})).status).toBe(400);
    for (const body of [
      { days: 9 },
      { settings: { strategy: "random" } },
      { settings: { maxOpenPerAgent: 0 } },
      { settings: { welcomeMessage: "hi" } },
      { from: "2026-11-01T00:00:00Z" },
      { from: "2026-11-10T00:00:00Z", to: "2026-11-01T00:00:00Z" },
      { from: "2026-01-01T00:00:00Z", to: "2026-11-01T00:00:00Z" },
      { from: "yesterday", to: "today" },
      { extra: 1 },
      [],
    ]) {
      const { status, body: answer } = await tryIt(tokens.manager!, groups.Vendas!, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(answer.error.code).toBe("invalid_input");
    }
  });
});
