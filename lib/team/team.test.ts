// Managers create users, reset passwords, and deactivate users: a deactivated user's
// open conversations go back to the queue and are redistributed, and they cannot sign in.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/permissions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { setAgentStatus, takeConversation } from "@/lib/distribution";
import { addGroupMember } from "@/lib/groups";
import { actorOf, findGroupId, queueConversations, refusal } from "@/test/groups-fixtures";
import { createUser, listTeam, resetPassword, setUserActive } from "./index";

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
});
afterAll(() => t.drop());

const audit = (entityId: number) =>
  t.db.execute<{ action: string; actorId: number; changes: Record<string, unknown> }>(
    sql`SELECT action, actor_id AS "actorId", changes FROM audit_log WHERE entity = 'user' AND entity_id = ${entityId} ORDER BY id`,
  );

describe("team", () => {
  it("creates an agent whose password is hashed with argon2 and who can sign in", async () => {
    const { user } = await createUser(t.db, manager, { name: " Helena Prado ", email: " Helena@Fila.test", role: "agent", password: "senha-inicial" });
    expect(user).toMatchObject({ name: "Helena Prado", email: "helena@fila.test", role: "agent", active: true });
    const [row] = await t.sql`SELECT password_hash FROM users WHERE id = ${user.id}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.password_hash, "senha-inicial")).toBe(true);
    expect(await signInWithPassword(t.db, { email: "helena@fila.test", password: "senha-inicial" }, null)).toMatchObject({ id: user.id, role: "agent" });
    expect(await audit(user.id)).toEqual([
      { action: "user.created", actorId: manager.id, changes: { name: { from: null, to: "Helena Prado" }, email: { from: null, to: "helena@fila.test" }, role: { from: null, to: "agent" } } },
    ]);
    expect(JSON.stringify(await audit(user.id))).not.toContain("senha-inicial");
  });

  it("creates a manager", async () => {
    const { user } = await createUser(t.db, manager, { name: "Igor Gestor", email: "igor@fila.test", role: "manager", password: "gestor-forte" });
    expect((await signInWithPassword(t.db, { email: "igor@fila.test", password: "gestor-forte" }, null)).role).toBe("manager");
    expect((await listTeam(t.db, manager)).find((u) => u.id === user.id)).toMatchObject({ role: "manager", groups: [] });
  });

  it("resets a password: the new one works, the old one no longer does, and the audit has no password", async () => {
    const bruno = await actorOf(t.db, "bruno");
    await resetPassword(t.db, manager, { userId: bruno.id, password: "nova-senha-123" });
    expect((await signInWithPassword(t.db, { email: "bruno@fila.test", password: "nova-senha-123" }, null)).id).toBe(bruno.id);
    expect((await refusal(() => signInWithPassword(t.db, { email: "bruno@fila.test", password: "fila-demo" }, null))).code).toBe("unauthenticated");
    const rows = await audit(bruno.id);
    expect(rows.map((r) => r.action)).toEqual(["user.password_reset"]);
    expect(JSON.stringify(rows)).not.toContain("nova-senha");
  });

  it("deactivating an agent requeues their open conversations, which go to an eligible colleague; they cannot sign in", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const ana = await actorOf(t.db, "ana");
    const carla = await actorOf(t.db, "carla");
    // Ana holds her demo conversation plus two she takes now; Carla is the only one online.
    const [first, second] = await queueConversations(t.db, vendas, 2);
    await takeConversation(t.db, { agentId: ana.id, conversationId: first! });
    await takeConversation(t.db, { agentId: ana.id, conversationId: second! });
    const held = await t.sql`SELECT id FROM conversations WHERE assignee_id = ${ana.id} AND status = 'assigned' ORDER BY id`;
    expect(held).toHaveLength(3);
    await setAgentStatus(t.db, { userId: carla.id, status: "online" });

    const result = await setUserActive(t.db, manager, { userId: ana.id, active: false });
    expect(result.changed).toBe(true);
    expect(result.user.active).toBe(false);
    expect(result.requeued.sort()).toEqual(held.map((r) => r.id).sort());
    const kinds = result.changes.map((c) => [c.kind, c.from, c.to]);
    expect(kinds.filter(([kind]) => kind === "requeue")).toHaveLength(3);
    expect(kinds.filter(([kind]) => kind === "auto")).toEqual([
      ["auto", null, carla.id],
      ["auto", null, carla.id],
      ["auto", null, carla.id],
    ]);
    const after = await t.sql`SELECT assignee_id, status FROM conversations WHERE id IN ${t.sql(held.map((r) => r.id))}`;
    expect(after.every((c) => c.status === "assigned" && c.assignee_id === carla.id)).toBe(true);

    const [row] = await t.sql`SELECT active, status FROM users WHERE id = ${ana.id}`;
    expect(row).toEqual({ active: false, status: "offline" });
    expect((await refusal(() => signInWithPassword(t.db, { email: "ana@fila.test", password: "fila-demo" }, null)))).toMatchObject({ code: "forbidden", params: { reason: "deactivated" } });
    // Inactive users are never chosen, and cannot take by hand either.
    const [third] = await queueConversations(t.db, vendas, 1);
    expect((await refusal(() => takeConversation(t.db, { agentId: ana.id, conversationId: third! }))).code).toBe("not_eligible");
    expect((await audit(ana.id)).map((r) => [r.action, r.changes])).toEqual([
      ["user.deactivated", { active: { from: true, to: false } }],
    ]);

    // Reactivating lets them sign in again, offline; the second call changes nothing.
    expect((await setUserActive(t.db, manager, { userId: ana.id, active: true })).changed).toBe(true);
    expect((await setUserActive(t.db, manager, { userId: ana.id, active: true })).changed).toBe(false);
    expect((await signInWithPassword(t.db, { email: "ana@fila.test", password: "fila-demo" }, null)).id).toBe(ana.id);
  });

  it("deactivating with nobody eligible leaves the conversations queued, visible to the group", async () => {
    const fabio = await actorOf(t.db, "fabio");
    const held = await t.sql`SELECT id FROM conversations WHERE assignee_id = ${fabio.id} AND status = 'assigned'`;
    expect(held.length).toBeGreaterThan(0);
    const result = await setUserActive(t.db, manager, { userId: fabio.id, active: false });
    expect(result.requeued).toHaveLength(held.length);
    await setAgentStatus(t.db, { userId: fabio.id, status: "online" });
    const [row] = await t.sql`SELECT status, assignee_id FROM conversations WHERE id = ${held[0]!.id}`;
    expect(row).toEqual({ status: "queued", assignee_id: null });
    const [user] = await t.sql`SELECT active, status FROM users WHERE id = ${fabio.id}`;
    expect(user!.active).toBe(false);
  });

  it("lists everyone with role, status, groups and load", async () => {
    const team = await listTeam(t.db, manager);
    const carla = team.find((u) => u.email === "carla@fila.test");
    expect(carla).toMatchObject({ role: "agent", status: "online", active: true, groups: [{ name: "Suporte" }, { name: "Vendas" }] });
    expect(carla!.load).toBeGreaterThanOrEqual(3);
    expect(team[0]).toMatchObject({ role: "manager" });
    expect(team.at(-1)).toMatchObject({ active: false });
  });

  it("a new agent joins a group and the team shows it", async () => {
    const financeiro = await findGroupId(t.db, "Financeiro");
    const { user } = await createUser(t.db, manager, { name: "Júlia", email: "julia@fila.test", role: "agent", password: "password-1" });
    expect((await addGroupMember(t.db, manager, { groupId: financeiro, userId: user.id })).changed).toBe(true);
    expect((await listTeam(t.db, manager)).find((u) => u.id === user.id)?.groups).toEqual([{ id: financeiro, name: "Financeiro", openHere: 0 }]);
  });
});
