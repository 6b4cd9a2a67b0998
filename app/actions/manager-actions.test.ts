// The server actions of the manager area, called as the browser calls them: the session
// decides who acts. An agent is refused by every one and nothing changes; a manager's
// save drains the queue and sends the signals that update every screen.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { SessionUser } from "@/lib/auth/session";
import { setAgentStatus } from "@/lib/distribution";
import { actorOf, findGroupId, queuedCount, snapshot } from "@/test/groups-fixtures";
import { captureSignals } from "@/lib/realtime/publish";
import type { RealtimeSignal } from "@/lib/realtime/signals";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));

const groups = await import("./groups");
const team = await import("./team");

let t: TestDatabase;
let signals: RealtimeSignal[];
const as = async (handle: string) => {
  const actor = await actorOf(t.db, handle);
  state.user = { ...actor, name: handle, email: `${handle}@fila.test`, status: "offline" };
};

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  state.db = t.db;
});
afterAll(() => t.drop());
beforeEach(() => {
  signals = captureSignals();
});

describe("manager actions", () => {
  it("refuse an agent, every one of them, and change nothing", async () => {
    await as("ana");
    const financeiro = await findGroupId(t.db, "Financeiro");
    const before = await snapshot(t.db);
    const results = await Promise.all([
      groups.createGroupAction({ name: "Cobrança" }),
      groups.saveGroupSettings({ groupId: financeiro, strategy: "balanced" }),
      groups.addGroupMemberAction({ groupId: financeiro, userId: state.user!.id }),
      groups.removeGroupMemberAction({ groupId: financeiro, userId: state.user!.id }),
      groups.addChannelAction({ groupId: financeiro, displayNumber: "+55 11 4000-0020", phoneNumberId: "100000000000020" }),
      groups.setChannelTokenAction({ channelId: 1, accessToken: "EAAG-stolen-token" }),
      groups.moveChannelAction({ channelId: 1, groupId: financeiro }),
      groups.setChannelActiveAction({ channelId: 1, active: false }),
      team.createUserAction({ name: "X", email: "x@fila.test", role: "manager", password: "password-1" }),
      team.resetPasswordAction({ userId: 1, password: "password-1" }),
      team.setUserActiveAction({ userId: 1, active: false }),
    ]);
    for (const result of results) expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden" }) });
    expect(await snapshot(t.db)).toBe(before);
    expect(signals).toEqual([]);
  });

  it("refuse without a session", async () => {
    state.user = null;
    const result = await groups.saveGroupSettings({ groupId: 1, strategy: "balanced" });
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("answer invalid input with a catalog key per field", async () => {
    await as("manager");
    const financeiro = await findGroupId(t.db, "Financeiro");
    const before = await snapshot(t.db);
    const result = await groups.saveGroupSettings({ groupId: financeiro, name: "", maxOpenPerAgent: 0, strategy: "random" as never });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fields: { name: "groups.invalid.nameRequired", maxOpenPerAgent: "groups.invalid.cap", strategy: "groups.invalid.strategy" } },
    });
    expect(await snapshot(t.db)).toBe(before);
  });

  it("manual → balanced: the queue drains at once, the save says how many, and everyone is signalled", async () => {
    await as("manager");
    const financeiro = await findGroupId(t.db, "Financeiro");
    for (const handle of ["elisa", "fabio"]) await setAgentStatus(t.db, { userId: (await actorOf(t.db, handle)).id, status: "online" });
    expect(await queuedCount(t.db, financeiro)).toBe(2);

    const result = await groups.saveGroupSettings({ groupId: financeiro, strategy: "balanced" });
    expect(result).toMatchObject({ ok: true, changes: { strategy: { from: "manual", to: "balanced" } }, assigned: 2 });
    expect(await queuedCount(t.db, financeiro)).toBe(0);
    expect(signals.filter((s) => s.type === "group.changed")).toEqual([{ type: "group.changed", groupId: financeiro }]);
    const assigned = signals.filter((s) => s.type === "conversation.changed");
    expect(assigned).toHaveLength(2);
    expect(assigned.every((s) => s.type === "conversation.changed" && s.kind === "auto" && s.assigneeId !== null)).toBe(true);
  });

  it("deactivating a user signals their presence and the requeue", async () => {
    await as("manager");
    const diego = await actorOf(t.db, "diego");
    const result = await team.setUserActiveAction({ userId: diego.id, active: false });
    expect(result).toMatchObject({ ok: true, changed: true, requeued: 1 });
    expect(signals[0]).toMatchObject({ type: "presence.changed", userId: diego.id, status: "offline" });
    expect(signals.some((s) => s.type === "conversation.changed" && s.kind === "requeue")).toBe(true);
  });
});
