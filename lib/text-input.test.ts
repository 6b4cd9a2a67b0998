// Issue 11 finding 10: NUL and other control characters are refused with a clear
// message (not `internal` from PostgreSQL), zero-width-only text is empty, numbers typed
// as text are decimal digits only — checked through the real functions on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { createGroup, updateGroupSettings } from "@/lib/groups";
import { actorOf, findGroupId } from "@/test/groups-fixtures";
import { replyAs } from "@/lib/inbox/conversation-commands";
import { listQuery } from "@/lib/inbox/list-query";
import { createUser } from "@/lib/team";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { testGraphConfig } from "@/test/whatsapp-fixtures";
import { hasControlCharacters, isVisiblyEmpty, parseDecimalInteger } from "./text-input";

let t: TestDatabase;
let fake: FakeGraph;
let manager: Actor;
let vendas: number;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  manager = await actorOf(t.db, "manager");
  vendas = await findGroupId(t.db, "Vendas");
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("accepted");
}

const snapshot = async () =>
  JSON.stringify(await t.sql`SELECT (SELECT count(*) FROM messages) m, (SELECT count(*) FROM users) u, (SELECT json_agg(g ORDER BY id) FROM channel_groups g) g`);

describe("text input", () => {
  it("knows control characters, invisible text and decimal numbers", () => {
    expect(hasControlCharacters("a\u0000b")).toBe(true);
    expect(hasControlCharacters("line\nbreak", { multiline: true })).toBe(false);
    expect(hasControlCharacters("line\nbreak")).toBe(true);
    expect(isVisiblyEmpty("\u200b\u200c\u200d\ufeff \u2060")).toBe(true);
    expect(isVisiblyEmpty("\u200bOi")).toBe(false);
    for (const text of ["0x10", "0b11", "1e3", "1.0", "-1", "+2", "", " ", "١٢"]) expect(parseDecimalInteger(text)).toBeNull();
    expect(parseDecimalInteger(" 12 ")).toBe(12);
  });

  it("refuses NUL in a reply, a group name, a welcome message and a user name, changing nothing", async () => {
    const [open] = await t.sql`SELECT c.id, c.assignee_id FROM conversations c WHERE c.status = 'assigned' AND c.last_inbound_at > now() - interval '1 hour' LIMIT 1`;
    const before = await snapshot();
    const assignee: Actor = { id: open!.assignee_id, role: "agent" };
    const reply = await refusal(replyAs(t.db, assignee, { conversationId: open!.id, body: "oi\u0000" }, testGraphConfig(fake)));
    expect(reply).toMatchObject({ code: "invalid_input", fields: { body: "input.invalid.control" } });

    expect(await refusal(createGroup(t.db, manager, { name: "Evil\u0000" }))).toMatchObject({ code: "invalid_input", fields: { name: "input.invalid.control" } });
    expect(await refusal(updateGroupSettings(t.db, manager, { groupId: vendas, welcomeMessage: "Olá\u0000" }))).toMatchObject({
      code: "invalid_input",
      fields: { welcomeMessage: "input.invalid.control" },
    });
    expect(
      await refusal(createUser(t.db, manager, { name: "Eve\u0000", email: "eve@fila.test", role: "agent", password: "long-enough" })),
    ).toMatchObject({ code: "invalid_input", fields: { name: "input.invalid.control" } });
    expect(await snapshot()).toBe(before);
    expect(fake.sent()).toHaveLength(0);
  });

  it("treats a reply of zero-width characters as empty and sends nothing", async () => {
    const [open] = await t.sql`SELECT c.id, c.assignee_id FROM conversations c WHERE c.status = 'assigned' AND c.last_inbound_at > now() - interval '1 hour' LIMIT 1`;
    const error = await refusal(replyAs(t.db, { id: open!.assignee_id, role: "agent" }, { conversationId: open!.id, body: "\u200b\u200c\u200d\ufeff" }, testGraphConfig(fake)));
    expect(error).toMatchObject({ code: "invalid_input", fields: { body: "inbox.invalid.bodyEmpty" } });
    expect(fake.sent()).toHaveLength(0);
  });

  it("refuses an oversized reply body as invalid input", async () => {
    const [open] = await t.sql`SELECT c.id, c.assignee_id FROM conversations c WHERE c.status = 'assigned' LIMIT 1`;
    const error = await refusal(replyAs(t.db, { id: open!.assignee_id, role: "agent" }, { conversationId: open!.id, body: "x".repeat(1024 * 1024) }, testGraphConfig(fake)));
    expect(error.code).toBe("invalid_input");
  });

  it("refuses a cap written as 0x10, 0b11 or 1e3", async () => {
    for (const cap of ["0x10", "0b11", "1e3", "1.5", "١٠"]) {
      expect(await refusal(updateGroupSettings(t.db, manager, { groupId: vendas, maxOpenPerAgent: cap as never }))).toMatchObject({
        code: "invalid_input",
        fields: { maxOpenPerAgent: "groups.invalid.cap" },
      });
    }
    await updateGroupSettings(t.db, manager, { groupId: vendas, maxOpenPerAgent: "7" as never });
    const [row] = await t.sql`SELECT max_open_per_agent FROM channel_groups WHERE id = ${vendas}`;
    expect(row!.max_open_per_agent).toBe(7);
  });

  it("refuses NUL in a search and a group filter in hexadecimal", () => {
    expect(listQuery.safeParse({ q: "ana\u0000" }).success).toBe(false);
    expect(listQuery.safeParse({ group: "0x1" }).success).toBe(false);
    expect(listQuery.safeParse({ q: "ana", group: "1" }).data).toMatchObject({ q: "ana", group: 1 });
  });
});
