import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import { requireCanAssign, requireGroupAccess, requireManager } from "./permissions";
import { signInWithPassword } from "./sign-in";
import { accountLockedUntil, ACCOUNT_MAX_FAILURES, ADDRESS_DELAY_AFTER, ADDRESS_MAX_FAILURES, throttleState, unlockAccount } from "./throttle";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error instanceof UserError ? error.code : "other";
  }
  return "accepted";
};

describe("signInWithPassword", () => {
  it("signs in the manager and an agent with their roles", async () => {
    const manager = await signInWithPassword(t.db, { email: "manager@fila.test", password: "fila-demo" }, "10.0.0.1");
    expect(manager.role).toBe("manager");
    const agent = await signInWithPassword(t.db, { email: "Ana@Fila.test ", password: "fila-demo" }, "10.0.0.1");
    expect(agent).toMatchObject({ role: "agent", email: "ana@fila.test", name: "Ana Souza" });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    expect(await refusal(signInWithPassword(t.db, { email: "bruno@fila.test", password: "nope" }, "10.0.0.2"))).toBe("unauthenticated");
    expect(await refusal(signInWithPassword(t.db, { email: "nobody@fila.test", password: "fila-demo" }, "10.0.0.2"))).toBe("unauthenticated");
    expect(await refusal(signInWithPassword(t.db, { email: "not an email", password: "x" }, "10.0.0.2"))).toBe("invalid_input");
  });

  it("throttles the sixth failure in a row for an email, even with the right password, and says until when", async () => {
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      expect(await refusal(signInWithPassword(t.db, { email: "carla@fila.test", password: `wrong-${i}` }, `10.1.0.${i}`))).toBe("unauthenticated");
    }
    expect(await refusal(signInWithPassword(t.db, { email: "carla@fila.test", password: "wrong-again" }, "10.1.1.1"))).toBe("throttled");
    const locked = await signInWithPassword(t.db, { email: "carla@fila.test", password: "fila-demo" }, "10.1.1.2").catch((e: UserError) => e);
    expect(locked).toMatchObject({ code: "throttled" });
    const retryAt = new Date(String((locked as UserError).params.retryAt));
    expect(retryAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(retryAt.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 5_000);
    // Another account from another address is not affected.
    expect((await signInWithPassword(t.db, { email: "diego@fila.test", password: "fila-demo" }, "10.1.1.3")).role).toBe("agent");
  });

  it("does not let a success of another account reset an address or an account (issue 11 finding 1)", async () => {
    // The attacker's own account signs in between guesses at the victim's.
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      await refusal(signInWithPassword(t.db, { email: "elisa@fila.test", password: `guess-${i}` }, "10.7.7.7"));
      await signInWithPassword(t.db, { email: "bruno@fila.test", password: "fila-demo" }, "10.7.7.7");
    }
    expect(await refusal(signInWithPassword(t.db, { email: "elisa@fila.test", password: "fila-demo" }, "10.7.7.8"))).toBe("throttled");
    const [row] = await t.sql`SELECT count(*)::int AS n FROM login_attempts WHERE key = 'ip:10.7.7.7' AND NOT success`;
    expect(row!.n).toBe(ACCOUNT_MAX_FAILURES);
  });

  it("does not lock an office out for one person's typos: the address only slows down, then stops a spray", async () => {
    // Six typos by one person behind the office NAT: the manager on the same address still signs in.
    for (let i = 0; i < 6; i++) await refusal(signInWithPassword(t.db, { email: "fabio@fila.tset", password: `typo-${i}` }, "10.20.0.1"));
    expect((await signInWithPassword(t.db, { email: "manager@fila.test", password: "fila-demo" }, "10.20.0.1")).role).toBe("manager");
    // A spray across many accounts from one address: first slower, then refused.
    await t.sql`INSERT INTO login_attempts (key, success) SELECT 'ip:10.30.0.1', false FROM generate_series(1, ${ADDRESS_DELAY_AFTER + 1})`;
    expect((await throttleState(t.db, "someone@fila.test", "10.30.0.1")).delayMs).toBeGreaterThan(0);
    expect((await throttleState(t.db, "someone@fila.test", "10.30.0.1")).lockedUntil).toBeNull();
    await t.sql`INSERT INTO login_attempts (key, success) SELECT 'ip:10.30.0.1', false FROM generate_series(1, ${ADDRESS_MAX_FAILURES})`;
    expect(await refusal(signInWithPassword(t.db, { email: "manager@fila.test", password: "fila-demo" }, "10.30.0.1"))).toBe("throttled");
    // A success does not clear it.
    expect((await throttleState(t.db, "manager@fila.test", "10.30.0.1")).lockedUntil).not.toBeNull();
  });

  it("forgets an account's failures after its own success, and when a manager unlocks it", async () => {
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) await refusal(signInWithPassword(t.db, { email: "fabio@fila.test", password: "x" }, null));
    await signInWithPassword(t.db, { email: "fabio@fila.test", password: "fila-demo" }, null);
    expect(await refusal(signInWithPassword(t.db, { email: "fabio@fila.test", password: "x" }, null))).toBe("unauthenticated");
    expect((await signInWithPassword(t.db, { email: "fabio@fila.test", password: "fila-demo" }, null)).role).toBe("agent");

    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await refusal(signInWithPassword(t.db, { email: "diego@fila.test", password: "x" }, null));
    expect(await accountLockedUntil(t.db, "diego@fila.test")).not.toBeNull();
    await unlockAccount(t.db, "diego@fila.test");
    expect(await accountLockedUntil(t.db, "diego@fila.test")).toBeNull();
    expect((await signInWithPassword(t.db, { email: "diego@fila.test", password: "fila-demo" }, null)).role).toBe("agent");
  });

  it("tells a deactivated user, who knows the password, that the account is deactivated", async () => {
    await t.sql`UPDATE users SET active = false WHERE email = 'carla@fila.test'`;
    await unlockAccount(t.db, "carla@fila.test");
    const error = await signInWithPassword(t.db, { email: "carla@fila.test", password: "fila-demo" }, null).catch((e: UserError) => e);
    expect(error).toMatchObject({ code: "forbidden", params: { reason: "deactivated" } });
    // A wrong password tells nothing about the account.
    expect(await refusal(signInWithPassword(t.db, { email: "carla@fila.test", password: "nope" }, null))).toBe("unauthenticated");
    await t.sql`UPDATE users SET active = true WHERE email = 'carla@fila.test'`;
  });
});

describe("permissions", () => {
  it("refuses agents what only managers may do", async () => {
    const agent = { id: 2, role: "agent" as const };
    const manager = { id: 1, role: "manager" as const };
    expect(() => requireManager(agent)).toThrow(UserError);
    expect(() => requireManager(null)).toThrow(/sign in/);
    expect(requireManager(manager)).toBe(manager);
    expect(await refusal(requireCanAssign(t.db, agent, 1))).toBe("forbidden");
  });

  it("lets agents into their own groups only", async () => {
    const [financeiro] = await t.sql`SELECT id FROM channel_groups WHERE name = 'Financeiro'`;
    const [ana] = await t.sql`SELECT id FROM users WHERE email = 'ana@fila.test'`;
    const [fabio] = await t.sql`SELECT id FROM users WHERE email = 'fabio@fila.test'`;
    expect(await refusal(requireGroupAccess(t.db, { id: ana!.id, role: "agent" }, financeiro!.id))).toBe("forbidden");
    expect(await refusal(requireGroupAccess(t.db, { id: fabio!.id, role: "agent" }, financeiro!.id))).toBe("accepted");
  });
});
