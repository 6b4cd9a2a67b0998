// GET /api/v1/reports/headline: managers only, whatever group or agent it is asked about;
// its figures are the summary's, for the period and the compared one.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiTestWorld, callRoute } from "@/test/api-client";
import { queueConversations } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const headline = (await import("./route")).GET as Parameters<typeof callRoute>[0];
const summary = (await import("../summary/route")).GET as Parameters<typeof callRoute>[0];

let world: Awaited<ReturnType<typeof apiTestWorld>>;
beforeAll(async () => {
  world = await apiTestWorld(state, ["manager", "ana", "elisa"], "headline");
  await queueConversations(world.t.db, world.ids.financeiro!, 2);
});
afterAll(() => world.close());

const period = () => {
  const to = new Date(Date.now() + 60_000);
  return `from=${new Date(to.getTime() - 86_400_000).toISOString()}&to=${to.toISOString()}`;
};

describe("GET /reports/headline", () => {
  it("answers a manager the summary's live counts and headline figures, for the period and the compared one", async () => {
    const query = `${period()}&groupId=${world.ids.financeiro}`;
    const first = await callRoute(headline, { path: `/reports/headline?${query}`, token: world.tokens.manager });
    const full = await callRoute(summary, { path: `/reports/summary?${query}`, token: world.tokens.manager });
    expect(first.status).toBe(200);
    expect(full.status).toBe(200);
    expect(first.body.live.queued).toBeGreaterThanOrEqual(2);
    for (const key of ["from", "to", "groupId", "agentId", "received", "closed", "assigned", "queueWaitSeconds", "firstResponseSeconds", "resolutionSeconds"]) {
      expect(first.body[key], key).toEqual(full.body[key]);
    }
    // The oldest wait grows between the two requests.
    const { oldestWaitSeconds, ...live } = first.body.live;
    expect(live).toEqual({ open: full.body.live.open, queued: full.body.live.queued, agentsOnline: full.body.live.agentsOnline });
    expect(oldestWaitSeconds).toBeGreaterThan(0);
    expect(oldestWaitSeconds).toBeLessThanOrEqual(full.body.live.oldestWaitSeconds);
    for (const key of ["from", "to", "received", "closed", "assigned", "queueWaitSeconds", "firstResponseSeconds", "resolutionSeconds"]) {
      expect(first.body.previous[key], `previous.${key}`).toEqual(full.body.previous[key]);
    }
  });

  it("refuses an agent, of the group asked about or of another, with every id it takes", async () => {
    for (const token of [world.tokens.ana!, world.tokens.elisa!]) {
      for (const ids of ["", `&groupId=${world.ids.financeiro}`, `&agentId=${world.ids.elisa}`, `&groupId=${world.ids.financeiro}&agentId=${world.ids.ana}`]) {
        const answer = await callRoute(headline, { path: `/reports/headline?${period()}${ids}`, token });
        expect(answer.status, ids).toBe(403);
        expect(answer.body.live).toBeUndefined();
      }
    }
  });

  it("refuses unknown ids and a compared period of another length", async () => {
    for (const ids of ["&groupId=2147483647", "&agentId=2147483647", "&groupId=abc"]) {
      expect((await callRoute(headline, { path: `/reports/headline?${period()}${ids}`, token: world.tokens.manager })).status, ids).toBe(400);
    }
    const compare = `&compareFrom=2026-01-01T00:00:00Z&compareTo=2026-01-01T01:00:00Z`;
    expect((await callRoute(headline, { path: `/reports/headline?${period()}${compare}`, token: world.tokens.manager })).status).toBe(400);
  });
});
