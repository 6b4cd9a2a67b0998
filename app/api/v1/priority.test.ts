// PATCH /api/v1/conversations/{id} { priority } (docs/behaviour.md#service-levels), called as a
// program calls it: a member of the group while queued, a manager; a user of another group
// is refused with every id it takes, bad bodies are 400 naming the field; nothing changes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed";
import { createApiToken } from "@/lib/api/tokens";
import type { SessionUser } from "@/lib/auth/session";
import { callRoute, type ApiCall } from "@/test/api-client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf, findGroupId, queueConversations, snapshot } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));

const route = await import("./conversations/[id]/route");

let t: TestDatabase;
const tokens: Record<string, string> = {};
let conversationId: number;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  for (const handle of ["manager", "elisa", "ana"]) tokens[handle] = (await createApiToken(t.db, await actorOf(t.db, handle), { name: handle, password: DEMO_PASSWORD })).token;
  conversationId = (await queueConversations(t.db, await findGroupId(t.db, "Financeiro"), 1))[0]!;
});
afterAll(() => t.drop());

const patch = (token: string, id: string, body: unknown) =>
  callRoute(route.PATCH as Parameters<typeof callRoute>[0], { method: "PATCH", path: `/conversations/${id}`, params: { id }, token, body } satisfies ApiCall);

describe("PATCH /conversations/{id}", () => {
  it("sets the priority for a member of the group while queued, and answers the conversation with its service level", async () => {
    const answer = await patch(tokens.elisa!, String(conversationId), { priority: "urgent" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: conversationId, priority: "urgent", sla: null, firstResponseDueAt: null, resolutionDueAt: null });
  });

  it("refuses a user of another group (403), unknown ids (404) and bad bodies (400), changing nothing", async () => {
    const before = await snapshot(t.db);
    expect((await patch(tokens.ana!, String(conversationId), { priority: "low" })).status).toBe(403);
    expect((await patch(tokens.ana!, "999999", { priority: "low" })).status).toBe(404);
    const bad = await patch(tokens.manager!, String(conversationId), { priority: "asap" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("priority");
    const unknown = await patch(tokens.manager!, String(conversationId), { priority: "low", private: true });
    expect(unknown.status).toBe(400);
    expect((await patch(tokens.manager!, "x", { priority: "low" })).status).toBe(400);
    expect(await snapshot(t.db)).toBe(before);
    const [after] = await t.db.execute<{ priority: string }>(sql`SELECT priority FROM conversations WHERE id = ${conversationId}`);
    expect(after!.priority).toBe("urgent");
  });
});
