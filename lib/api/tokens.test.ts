// API tokens against real PostgreSQL (issue 25 item 2): creating one asks for the
// creator's password again; a password change, "sign out everywhere" and deactivation
// revoke every token of the user, listed with why, and reactivation brings none back.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import type { Actor } from "@/lib/auth/permissions";
import { endAllSessions } from "@/lib/auth/users";
import { UserError } from "@/lib/errors";
import { createUser, resetPassword, setUserActive, signOutEverywhere } from "@/lib/team";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./tokens";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));

let t: TestDatabase;
let manager: Actor;
let count = 0;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  manager = await actorOf(t.db, "manager");
});
afterAll(() => t.drop());

const PASSWORD = "a-long-enough-password";

/** A new agent with a token of their own. */
async function agentWithToken(): Promise<{ agent: Actor; token: string; tokenId: number }> {
  count += 1;
  const { user } = await createUser(t.db, manager, { name: `Token Agent ${count}`, email: `token-agent-${count}@fila.test`, role: "agent", password: PASSWORD });
  const agent: Actor = { id: user.id, role: "agent" };
  const { token, apiToken } = await createApiToken(t.db, agent, { name: "script", password: PASSWORD });
  return { agent, token, tokenId: apiToken.id };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => ({ code: (e as UserError).code, fields: (e as UserError).fields }),
  );
const reasons = async (agent: Actor) => (await listApiTokens(t.db, agent)).map((tk) => [tk.name, tk.revokedReason, tk.revokedAt !== null]);

describe("creating a token", () => {
  it("asks for the creator's own password again; a wrong or missing one creates nothing and counts towards the sign-in lock", async () => {
    const { agent } = await agentWithToken();
    const before = (await listApiTokens(t.db, agent)).length;
    expect(await refusal(createApiToken(t.db, agent, { name: "no password" } as never))).toMatchObject({ code: "invalid_input", fields: { password: "api.invalid.password" } });
    expect(await refusal(createApiToken(t.db, agent, { name: "wrong", password: "not-it" }))).toMatchObject({ code: "invalid_input", fields: { password: "api.invalid.wrongPassword" } });
    // The manager's password is not the agent's.
    expect(await refusal(createApiToken(t.db, agent, { name: "wrong", password: DEMO_PASSWORD }))).toMatchObject({ fields: { password: "api.invalid.wrongPassword" } });
    expect((await listApiTokens(t.db, agent)).length).toBe(before);
    const [{ n }] = (await t.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM login_attempts WHERE key = (SELECT 'email:' || email FROM users WHERE id = ${agent.id}) AND NOT success`)) as unknown as [{ n: number }];
    expect(n).toBe(2);
    // Five wrong in the window lock it, even for the right password then.
    for (let i = 0; i < 3; i++) await refusal(createApiToken(t.db, agent, { name: "wrong", password: `guess-${i}` }));
    expect(await refusal(createApiToken(t.db, agent, { name: "right", password: PASSWORD }))).toMatchObject({ fields: { password: "api.invalid.passwordLocked" } });
    expect((await listApiTokens(t.db, agent)).length).toBe(before);
  });

  it("a manager creates one for someone else with the manager's own password; an agent never for someone else", async () => {
    const { agent } = await agentWithToken();
    const { apiToken } = await createApiToken(t.db, manager, { userId: agent.id, name: "for the agent", password: DEMO_PASSWORD });
    expect(apiToken.userId).toBe(agent.id);
    const other = await actorOf(t.db, "bruno");
    expect(await refusal(createApiToken(t.db, agent, { userId: other.id, name: "not mine", password: PASSWORD }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(listApiTokens(t.db, agent, { userId: other.id }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(revokeApiToken(t.db, other, { tokenId: apiToken.id }))).toMatchObject({ code: "not_found" });
    expect(await authenticateApiToken(t.db, "fila_" + "x".repeat(43))).toBeNull();
  });
});

describe("an account change ends the user's tokens, with why", () => {
  it("a password reset by a manager", async () => {
    const { agent, token } = await agentWithToken();
    await revokeApiToken(t.db, agent, { tokenId: (await createApiToken(t.db, agent, { name: "by hand", password: PASSWORD })).apiToken.id });
    expect(await authenticateApiToken(t.db, token)).not.toBeNull();
    await resetPassword(t.db, manager, { userId: agent.id, password: "another-long-password" });
    expect(await authenticateApiToken(t.db, token)).toBeNull();
    // The one revoked by hand keeps its own reason.
    expect(await reasons(agent)).toEqual([
      ["by hand", "revoked", true],
      ["script", "password_changed", true],
    ]);
  });

  it("sign out everywhere, by a manager or by the user", async () => {
    const byManager = await agentWithToken();
    await signOutEverywhere(t.db, manager, { userId: byManager.agent.id });
    expect(await authenticateApiToken(t.db, byManager.token)).toBeNull();
    expect(await reasons(byManager.agent)).toEqual([["script", "signed_out_everywhere", true]]);

    const bySelf = await agentWithToken();
    await endAllSessions(bySelf.agent.id);
    expect(await authenticateApiToken(t.db, bySelf.token)).toBeNull();
    expect(await reasons(bySelf.agent)).toEqual([["script", "signed_out_everywhere", true]]);
  });

  it("deactivation; reactivation brings none back, and a new token works", async () => {
    const { agent, token } = await agentWithToken();
    await setUserActive(t.db, manager, { userId: agent.id, active: false });
    expect(await authenticateApiToken(t.db, token)).toBeNull();
    await setUserActive(t.db, manager, { userId: agent.id, active: true });
    expect(await authenticateApiToken(t.db, token)).toBeNull();
    expect(await reasons(agent)).toEqual([["script", "deactivated", true]]);
    const fresh = await createApiToken(t.db, agent, { name: "after", password: PASSWORD });
    expect(await authenticateApiToken(t.db, fresh.token)).toMatchObject({ id: agent.id });
  });

  it("whatever code path changes the row, in its own transaction; a change of role does not revoke", async () => {
    const { agent, token } = await agentWithToken();
    await t.db.update(users).set({ role: "manager" }).where(eq(users.id, agent.id));
    expect(await authenticateApiToken(t.db, token)).toMatchObject({ role: "manager" });
    await t.db
      .transaction(async (tx) => {
        await tx.update(users).set({ passwordHash: "changed" }).where(eq(users.id, agent.id));
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await authenticateApiToken(t.db, token)).not.toBeNull();
    await t.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, agent.id));
    expect(await authenticateApiToken(t.db, token)).toBeNull();
  });
});
