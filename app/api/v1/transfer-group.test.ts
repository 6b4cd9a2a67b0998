// POST /api/v1/conversations/{id}/transfer with `groupId` and `note` (docs/behaviour.md#transfer-to-another-group),
// called as a program calls it: the assignee hands a conversation to another group's member
// or queue, the group changes and the number stays, the thread keeps the note; a user of
// another group is refused with every id it takes, bad bodies are 400; nothing changes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { setAgentStatus, takeConversation } from "@/lib/distribution";
import { loadConversationActivity } from "@/lib/inbox/conversation-activity";
import { captureSignals } from "@/lib/realtime/publish";
import { roomsFor } from "@/lib/realtime/signals";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { apiTestWorld, callRoute, type ApiCall } from "@/test/api-client";
import { findGroupId, queueConversations, snapshot } from "@/test/groups-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));

const route = await import("./conversations/[id]/transfer/route");
const targets = await import("./conversations/[id]/transfer-targets/route");

let world: Awaited<ReturnType<typeof apiTestWorld>>;
let vendas: number;
let suporte: number;
let published: RealtimeSignal[];

beforeAll(async () => {
  world = await apiTestWorld(state, ["manager", "ana", "elisa", "fabio", "diego", "carla"], "transfer-group");
  vendas = await findGroupId(world.t.db, "Vendas");
  suporte = await findGroupId(world.t.db, "Suporte");
  published = captureSignals();
  // Only Diego takes Suporte's queue; Fabio is online to receive by hand.
  for (const handle of ["carla", "elisa"]) await setAgentStatus(world.t.db, { userId: world.ids[handle]!, status: "offline" });
  for (const handle of ["diego", "fabio", "ana"]) await setAgentStatus(world.t.db, { userId: world.ids[handle]!, status: "online" });
});
afterAll(() => world.close());

const transfer = (token: string, id: string, body: unknown) =>
  callRoute(route.POST as Parameters<typeof callRoute>[0], { method: "POST", path: `/conversations/${id}/transfer`, params: { id }, token, body } satisfies ApiCall);

const getTargets = (token: string, id: string) =>
  callRoute(targets.GET as Parameters<typeof callRoute>[0], { method: "GET", path: `/conversations/${id}/transfer-targets`, params: { id }, token } satisfies ApiCall);

/** A new Vendas conversation that Ana has. */
async function anasConversation(): Promise<number> {
  const [id] = await queueConversations(world.t.db, vendas, 1);
  const [row] = await world.t.db.execute<{ status: string }>(sql`SELECT status FROM conversations WHERE id = ${id}`);
  if (row!.status === "queued") await takeConversation(world.t.db, { agentId: world.ids.ana!, conversationId: id! });
  else await world.t.db.execute(sql`UPDATE conversations SET assignee_id = ${world.ids.ana}, status = 'assigned' WHERE id = ${id}`);
  return id!;
}

async function conversationRow(id: number) {
  const [row] = await world.t.db.execute<{ groupId: number; channelId: number; status: string; assigneeId: number | null }>(sql`
    SELECT group_id AS "groupId", channel_id AS "channelId", status, assignee_id AS "assigneeId" FROM conversations WHERE id = ${id}`);
  return row!;
}

describe("transfer to another group", () => {
  it("hands it to a member of another group with a note: the group changes, the number stays, the thread keeps the note", async () => {
    const id = await anasConversation();
    const before = await conversationRow(id);
    published.length = 0;
    const answer = await transfer(world.tokens.ana!, String(id), { userId: world.ids.fabio, groupId: world.ids.financeiro, note: "  Cliente quer 2ª via do boleto  " });
    expect(answer.status).toBe(200);
    // Ana is not of Financeiro: she is told where it went, with nothing left to do.
    expect(answer.body).toMatchObject({ id, status: "assigned", group: { id: world.ids.financeiro }, assignee: { id: world.ids.fabio }, can: { reply: false, transfer: false, close: false } });
    expect(await conversationRow(id)).toEqual({ groupId: world.ids.financeiro, channelId: before.channelId, status: "assigned", assigneeId: world.ids.fabio });

    const [event] = await world.t.db.execute<{ kind: string; groupId: number; from: number; to: number; reason: { group: unknown } }>(sql`
      SELECT kind, group_id AS "groupId", from_user_id AS from, to_user_id AS to, reason FROM assignment_events WHERE conversation_id = ${id} ORDER BY id DESC LIMIT 1`);
    expect(event).toMatchObject({ kind: "transfer", groupId: world.ids.financeiro, from: world.ids.ana, to: world.ids.fabio, reason: { group: { from: vendas, to: world.ids.financeiro } } });
    const notes = await world.t.db.execute<{ body: string; direction: string; type: string; author: number }>(sql`
      SELECT body, direction, type, author_user_id AS author FROM messages WHERE conversation_id = ${id}`);
    expect(notes).toEqual([{ body: "Cliente quer 2ª via do boleto", direction: "internal", type: "note", author: world.ids.ana }]);
    // The thread says where it went.
    const { events } = await loadConversationActivity(world.t.db, id, { withDecision: false });
    expect(events.at(-1)).toMatchObject({ kind: "transfer", from: { id: world.ids.ana }, to: { id: world.ids.fabio }, moved: { from: "Vendas", to: "Financeiro" } });
    // The note is dated after the transfer's line, so the thread shows it just below the line it explains.
    const [order] = await world.t.db.execute<{ noteAfter: boolean }>(sql`
      SELECT (SELECT created_at FROM messages WHERE conversation_id = ${id} AND type = 'note')
           > (SELECT max(created_at) FROM assignment_events WHERE conversation_id = ${id} AND kind = 'transfer') AS "noteAfter"`);
    expect(order).toEqual({ noteAfter: true });

    // Both groups' tabs hear of it, and the thread of the note.
    const changed = published.find((s) => s.type === "conversation.changed" && s.conversationId === id)!;
    expect(changed).toMatchObject({ groupId: world.ids.financeiro, previousGroupId: vendas, kind: "transfer", assigneeId: world.ids.fabio, previousAssigneeId: world.ids.ana });
    expect(roomsFor(changed)).toEqual(expect.arrayContaining([`group:${world.ids.financeiro}`, `group:${vendas}`, `user:${world.ids.fabio}`, `user:${world.ids.ana}`]));
    expect(published).toContainEqual(expect.objectContaining({ type: "message.created", conversationId: id, direction: "internal" }));
  });

  it("sent to another group's queue, that group's strategy takes over (Suporte's sequential: Diego, the one online)", async () => {
    const id = await anasConversation();
    const answer = await transfer(world.tokens.ana!, String(id), { userId: null, groupId: suporte });
    expect(answer.status).toBe(200);
    await expect.poll(async () => conversationRow(id), { timeout: 30_000 }).toMatchObject({ groupId: suporte, status: "assigned", assigneeId: world.ids.diego });
    const kinds = await world.t.db.execute<{ kind: string; groupId: number; to: number | null }>(sql`
      SELECT kind, group_id AS "groupId", to_user_id AS to FROM assignment_events WHERE conversation_id = ${id} ORDER BY id`);
    expect(kinds.slice(-2)).toEqual([
      { kind: "transfer", groupId: suporte, to: null },
      { kind: "auto", groupId: suporte, to: world.ids.diego },
    ]);
  });

  it("a manager may move anyone's conversation to another group", async () => {
    const id = await anasConversation();
    const answer = await transfer(world.tokens.manager!, String(id), { userId: world.ids.diego, groupId: suporte });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ group: { id: suporte }, assignee: { id: world.ids.diego }, can: { assign: true } });
  });

  it("refuses a user of another group (403), unknown ids (404), a target outside the target group and bad bodies (400), changing nothing", async () => {
    const id = await anasConversation();
    const before = await snapshot(world.t.db);
    const messagesBefore = await world.t.db.execute(sql`SELECT count(*)::int AS n FROM messages`);
    // Elisa is of Suporte and Financeiro, not Vendas, and not the assignee: every id she sends.
    expect((await transfer(world.tokens.elisa!, String(id), { userId: world.ids.elisa, groupId: world.ids.financeiro, note: "minha" })).status).toBe(403);
    expect((await transfer(world.tokens.elisa!, String(id), { userId: null, groupId: suporte })).status).toBe(403);
    expect((await transfer(world.tokens.elisa!, String(id), { userId: world.ids.fabio })).status).toBe(403);
    expect((await transfer(world.tokens.elisa!, "999999", { userId: world.ids.fabio, groupId: world.ids.financeiro })).status).toBe(404);
    // Unknown group, unknown user, a user not of the target group (Ana is not of Financeiro).
    expect((await transfer(world.tokens.ana!, String(id), { userId: null, groupId: 999_999 })).status).toBe(404);
    expect((await transfer(world.tokens.ana!, String(id), { userId: 999_999, groupId: world.ids.financeiro })).status).toBe(404);
    const notMember = await transfer(world.tokens.ana!, String(id), { userId: world.ids.diego, groupId: world.ids.financeiro });
    expect(notMember.body.error.code).toBe("not_member");
    // Bad bodies.
    for (const body of [{ userId: null, groupId: "x" }, { userId: null, groupId: 0 }, { userId: null, groupId: suporte, note: "   " }, { userId: null, groupId: suporte, private: true }]) {
      const bad = await transfer(world.tokens.ana!, String(id), body);
      expect(bad.status).toBe(400);
    }
    expect((await transfer(world.tokens.ana!, String(id), { userId: null, groupId: "x" })).body.error.fields).toHaveProperty("groupId");
    expect(await snapshot(world.t.db)).toBe(before);
    expect(await world.t.db.execute(sql`SELECT count(*)::int AS n FROM messages`)).toEqual(messagesBefore);
  });

  it("GET transfer-targets lists the other groups with their members for the assignee or a manager; refuses others with every id", async () => {
    const id = await anasConversation();
    const answer = await getTargets(world.tokens.ana!, String(id));
    expect(answer.status).toBe(200);
    const groups = answer.body as { id: number; name: string; members: { id: number; status: string; load: number }[] }[];
    expect(groups.map((g) => g.id).sort()).toEqual([world.ids.financeiro, suporte].sort());
    expect(groups.find((g) => g.id === world.ids.financeiro)!.members.map((m) => m.id).sort()).toEqual([world.ids.elisa, world.ids.fabio].sort());
    expect((await getTargets(world.tokens.manager!, String(id))).status).toBe(200);
    expect((await getTargets(world.tokens.elisa!, String(id))).status).toBe(403);
    expect((await getTargets(world.tokens.elisa!, "999999")).status).toBe(404);
    expect((await getTargets(world.tokens.elisa!, "x")).status).toBe(400);
  });
});
