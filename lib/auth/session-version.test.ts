// Issue 11 finding 4: sessions can be ended. A session carries the session version it
// was issued under; a password reset, a deactivation (so a reactivation brings no old
// cookie back), a role change and "sign out everywhere" move it on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { actorOf } from "@/test/groups-fixtures";
import { resetPassword, setUserActive, signOutEverywhere } from "@/lib/team";
import { signInWithPassword } from "./sign-in";
import { endAllSessions, loadActiveUser } from "./users";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  process.env.DATABASE_URL = t.url;
});
afterAll(async () => {
  await closeDb();
  await t.drop();
});

const signIn = (email: string, password = "fila-demo") => signInWithPassword(t.db, { email, password }, null);

describe("session version", () => {
  it("ends sessions issued before a password reset", async () => {
    const manager = await actorOf(t.db, "manager");
    const before = await signIn("bruno@fila.test");
    expect(await loadActiveUser(before.id, before.sessionVersion)).not.toBeNull();
    await resetPassword(t.db, manager, { userId: before.id, password: "a-new-password" });
    expect(await loadActiveUser(before.id, before.sessionVersion)).toBeNull();
    const after = await signIn("bruno@fila.test", "a-new-password");
    expect(await loadActiveUser(after.id, after.sessionVersion)).not.toBeNull();
  });

  it("does not bring a session back when a deactivated user is reactivated", async () => {
    const manager = await actorOf(t.db, "manager");
    const before = await signIn("carla@fila.test");
    await setUserActive(t.db, manager, { userId: before.id, active: false });
    expect(await loadActiveUser(before.id, before.sessionVersion)).toBeNull();
    await setUserActive(t.db, manager, { userId: before.id, active: true });
    expect(await loadActiveUser(before.id, before.sessionVersion)).toBeNull();
  });

  it("ends sessions on a role change", async () => {
    const before = await signIn("diego@fila.test");
    await t.sql`UPDATE users SET role = 'manager' WHERE id = ${before.id}`;
    expect(await loadActiveUser(before.id, before.sessionVersion)).toBeNull();
  });

  it("signs out everywhere: the user's own choice, or a manager's", async () => {
    const manager = await actorOf(t.db, "manager");
    const first = await signIn("elisa@fila.test");
    await endAllSessions(first.id);
    expect(await loadActiveUser(first.id, first.sessionVersion)).toBeNull();
    const second = await signIn("elisa@fila.test");
    expect(second.sessionVersion).toBe(first.sessionVersion + 1);
    await signOutEverywhere(t.db, manager, { userId: second.id });
    expect(await loadActiveUser(second.id, second.sessionVersion)).toBeNull();
    // A manager only.
    const agent = await actorOf(t.db, "fabio");
    await expect(signOutEverywhere(t.db, agent, { userId: second.id })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps a session whose user changed only their status or name", async () => {
    const session = await signIn("fabio@fila.test");
    await t.sql`UPDATE users SET status = 'online', name = 'Fábio Lima' WHERE id = ${session.id}`;
    expect(await loadActiveUser(session.id, session.sessionVersion)).not.toBeNull();
  });
});
