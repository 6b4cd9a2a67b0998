// A manager changes someone's role (agent ↔ manager): the caller's role is checked as it
// is in the database, inside the transaction; the person's sessions end; Fila always
// keeps one active manager, even when two managers demote each other at once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { actorOf, refusal, snapshot } from "@/test/groups-fixtures";
import { createUser, setUserActive, setUserRole } from "./index";

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
});
afterAll(() => t.drop());

const roleAndVersion = async (id: number) => {
  const [row] = await t.sql`SELECT role, session_version FROM users WHERE id = ${id}`;
  return row as { role: string; session_version: number };
};
const newManager = async (handle: string) =>
  (await createUser(t.db, manager, { name: handle, email: `${handle}@fila.test`, role: "manager", password: "password-1" })).user;

describe("setUserRole", () => {
  it("makes an agent a manager and back, audited; their sessions end; a repeat changes nothing", async () => {
    const ana = await actorOf(t.db, "ana");
    const before = await roleAndVersion(ana.id);
    const promoted = await setUserRole(t.db, manager, { userId: ana.id, role: "manager" });
    expect(promoted).toMatchObject({ changed: true, user: { id: ana.id, role: "manager" } });
    const after = await roleAndVersion(ana.id);
    expect(after.role).toBe("manager");
    expect(after.session_version).toBeGreaterThan(before.session_version);
    expect((await setUserRole(t.db, manager, { userId: ana.id, role: "manager" })).changed).toBe(false);
    // Groups stay as they were.
    const [groups] = await t.sql`SELECT count(*)::int AS n FROM group_members WHERE user_id = ${ana.id}`;
    expect(groups!.n).toBeGreaterThan(0);
    expect((await setUserRole(t.db, manager, { userId: ana.id, role: "agent" })).user.role).toBe("agent");
    const audit = await t.db.execute<{ action: string; changes: unknown; actor_id: number }>(
      sql`SELECT action, changes, actor_id FROM audit_log WHERE entity = 'user' AND entity_id = ${ana.id} ORDER BY id`,
    );
    expect(audit.map((r) => [r.action, r.changes, r.actor_id])).toEqual([
      ["user.role_changed", { role: { from: "agent", to: "manager" } }, manager.id],
      ["user.role_changed", { role: { from: "manager", to: "agent" } }, manager.id],
    ]);
  });

  it("an agent is refused, and nothing changes", async () => {
    const bruno = await actorOf(t.db, "bruno");
    const before = await snapshot(t.db);
    expect((await refusal(() => setUserRole(t.db, bruno, { userId: bruno.id, role: "manager" }))).code).toBe("forbidden");
    expect((await refusal(() => setUserRole(t.db, null, { userId: bruno.id, role: "manager" }))).code).toBe("unauthenticated");
    expect(await snapshot(t.db)).toBe(before);
  });

  it("a caller whose session still says manager but who was demoted meanwhile is refused inside the transaction", async () => {
    const igor = await newManager("igor");
    const stale: Actor = { id: igor.id, role: "manager" };
    await setUserRole(t.db, manager, { userId: igor.id, role: "agent" });
    const carla = await actorOf(t.db, "carla");
    const before = await snapshot(t.db);
    expect((await refusal(() => setUserRole(t.db, stale, { userId: carla.id, role: "manager" }))).code).toBe("forbidden");
    expect(await snapshot(t.db)).toBe(before);
  });

  it("unknown user: not found; bad role or id: invalid input naming the field; nothing changes", async () => {
    const before = await snapshot(t.db);
    expect(await refusal(() => setUserRole(t.db, manager, { userId: 999_999, role: "manager" }))).toMatchObject({ code: "not_found" });
    expect(await refusal(() => setUserRole(t.db, manager, { userId: manager.id, role: "boss" as "agent" }))).toMatchObject({ code: "invalid_input", fields: { role: "team.invalid.role" } });
    expect(await refusal(() => setUserRole(t.db, manager, { userId: -1, role: "agent" }))).toMatchObject({ code: "invalid_input", fields: { userId: "team.invalid.unknownUser" } });
    expect(await snapshot(t.db)).toBe(before);
  });

  it("the last active manager cannot make themselves an agent; with a second manager they can", async () => {
    const [{ n }] = (await t.sql`SELECT count(*)::int AS n FROM users WHERE role = 'manager' AND active`) as unknown as [{ n: number }];
    expect(n).toBe(1);
    const before = await snapshot(t.db);
    expect(await refusal(() => setUserRole(t.db, manager, { userId: manager.id, role: "agent" }))).toMatchObject({
      code: "invalid_input",
      fields: { role: "team.invalid.lastManager" },
    });
    expect(await snapshot(t.db)).toBe(before);

    const julia = await newManager("julia");
    expect((await setUserRole(t.db, { id: julia.id, role: "manager" }, { userId: julia.id, role: "agent" })).user.role).toBe("agent");
    // An inactive manager does not count as the one left.
    const kleber = await newManager("kleber");
    await setUserActive(t.db, manager, { userId: kleber.id, active: false });
    expect((await refusal(() => setUserRole(t.db, manager, { userId: manager.id, role: "agent" }))).fields).toEqual({ role: "team.invalid.lastManager" });
  });

  it("two managers demoting each other at once: one wins, one manager is left", async () => {
    for (let round = 0; round < 5; round++) {
      const a = await newManager(`race-a${round}`);
      const b = await newManager(`race-b${round}`);
      const main = manager.id;
      await t.sql`UPDATE users SET active = false WHERE id = ${main}`;
      const results = await Promise.allSettled([
        setUserRole(t.db, { id: a.id, role: "manager" }, { userId: b.id, role: "agent" }),
        setUserRole(t.db, { id: b.id, role: "manager" }, { userId: a.id, role: "agent" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [left] = await t.sql`SELECT count(*)::int AS n FROM users WHERE role = 'manager' AND active`;
      expect(left!.n).toBe(1);
      await t.sql`UPDATE users SET active = true WHERE id = ${main}`;
      await t.sql`UPDATE users SET role = 'agent' WHERE id IN (${a.id}, ${b.id})`;
    }
  });

  it("a manager deactivated by a colleague while demoting them: one manager is left", async () => {
    const a = await newManager("deact-a");
    await t.sql`UPDATE users SET active = false WHERE id = ${manager.id}`;
    const b = await newManager("deact-b");
    const results = await Promise.allSettled([
      setUserActive(t.db, { id: a.id, role: "manager" }, { userId: b.id, active: false }),
      setUserRole(t.db, { id: b.id, role: "manager" }, { userId: a.id, role: "agent" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [left] = await t.sql`SELECT count(*)::int AS n FROM users WHERE role = 'manager' AND active`;
    expect(left!.n).toBe(1);
    await t.sql`UPDATE users SET active = true WHERE id = ${manager.id}`;
  });
});
