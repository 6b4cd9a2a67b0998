// Team › Unlock sign-in and Sign out everywhere: managers only, audited, and the
// Team list says until when an account is locked (issue 11 findings 1 and 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ACCOUNT_MAX_FAILURES } from "@/lib/auth/throttle";
import { actorOf } from "@/test/groups-fixtures";
import { listTeam, unlockSignIn } from "./index";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

describe("unlock sign-in", () => {
  it("shows the lock on Team, lets a manager lift it, and refuses an agent", async () => {
    const manager = await actorOf(t.db, "manager");
    const agent = await actorOf(t.db, "ana");
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await signInWithPassword(t.db, { email: "bruno@fila.test", password: "x" }, null).catch(() => {});
    const bruno = (await listTeam(t.db, manager)).find((m) => m.email === "bruno@fila.test")!;
    expect(bruno.lockedUntil).not.toBeNull();

    await expect(unlockSignIn(t.db, agent, { userId: bruno.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listTeam(t.db, manager)).find((m) => m.id === bruno.id)!.lockedUntil).not.toBeNull();

    await unlockSignIn(t.db, manager, { userId: bruno.id });
    expect((await listTeam(t.db, manager)).find((m) => m.id === bruno.id)!.lockedUntil).toBeNull();
    expect((await signInWithPassword(t.db, { email: "bruno@fila.test", password: "fila-demo" }, null)).id).toBe(bruno.id);
    const [audit] = await t.sql`SELECT action FROM audit_log WHERE entity_id = ${bruno.id} ORDER BY id DESC LIMIT 1`;
    expect(audit!.action).toBe("user.sign_in_unlocked");
  });
});
