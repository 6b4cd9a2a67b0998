import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import { requireCanAssign, requireGroupAccess, requireManager } from "./permissions";
import { signInWithPassword } from "./sign-in";
import { MAX_FAILURES } from "./throttle";

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

  it("throttles the sixth failure in a row for an email, even with the right password", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await refusal(signInWithPassword(t.db, { email: "carla@fila.test", password: `wrong-${i}` }, `10.1.0.${i}`))).toBe("unauthenticated");
    }
    expect(await refusal(signInWithPassword(t.db, { email: "carla@fila.test", password: "wrong-again" }, "10.1.1.1"))).toBe("throttled");
    expect(await refusal(signInWithPassword(t.db, { email: "carla@fila.test", password: "fila-demo" }, "10.1.1.2"))).toBe("throttled");
    // Another account from another address is not affected.
    expect((await signInWithPassword(t.db, { email: "diego@fila.test", password: "fila-demo" }, "10.1.1.3")).role).toBe("agent");
  });

  it("throttles an address that fails across many emails", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      await refusal(signInWithPassword(t.db, { email: `guess${i}@fila.test`, password: "x" }, "10.9.9.9"));
    }
    expect(await refusal(signInWithPassword(t.db, { email: "elisa@fila.test", password: "fila-demo" }, "10.9.9.9"))).toBe("throttled");
    expect((await signInWithPassword(t.db, { email: "elisa@fila.test", password: "fila-demo" }, "10.9.9.8")).role).toBe("agent");
  });

  it("forgets failures after a success", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) await refusal(signInWithPassword(t.db, { email: "fabio@fila.test", password: "x" }, null));
    await signInWithPassword(t.db, { email: "fabio@fila.test", password: "fila-demo" }, null);
    expect(await refusal(signInWithPassword(t.db, { email: "fabio@fila.test", password: "x" }, null))).toBe("unauthenticated");
    expect((await signInWithPassword(t.db, { email: "fabio@fila.test", password: "fila-demo" }, null)).role).toBe("agent");
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
