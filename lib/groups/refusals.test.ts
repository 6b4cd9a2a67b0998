// Every manager-area function refuses an agent (and an anonymous caller) when called
// directly, and refuses invalid input with a message per field; either way nothing changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { readBoard } from "@/lib/board";
import { createUser, listTeam, resetPassword, setUserActive } from "@/lib/team";
import {
  addChannel,
  addGroupMember,
  createGroup,
  listGroups,
  moveChannel,
  readGroupDetails,
  readGroupHistory,
  removeGroupMember,
  setChannelActive,
  setChannelToken,
  updateGroupSettings,
} from "./index";
import { actorOf, expectRefusedUnchanged, findGroupId } from "@/test/groups-fixtures";

let t: TestDatabase;
let manager: Actor;
let ana: Actor;
let fabio: Actor;
let vendas: number;
let financeiro: number;
let vendasChannel: number;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  [manager, ana, fabio] = await Promise.all([actorOf(t.db, "manager"), actorOf(t.db, "ana"), actorOf(t.db, "fabio")]);
  [vendas, financeiro] = await Promise.all([findGroupId(t.db, "Vendas"), findGroupId(t.db, "Financeiro")]);
  const [channel] = await t.sql`SELECT id FROM channels WHERE group_id = ${vendas}`;
  vendasChannel = channel!.id;
});
afterAll(() => t.drop());

describe("an agent calling the manager area directly", () => {
  const calls = (actor: Actor | null): [string, () => Promise<unknown>][] => [
    ["createGroup", () => createGroup(t.db, actor, { name: "Cobrança" })],
    ["updateGroupSettings", () => updateGroupSettings(t.db, actor, { groupId: financeiro, strategy: "balanced" })],
    ["addGroupMember", () => addGroupMember(t.db, actor, { groupId: financeiro, userId: ana!.id })],
    ["removeGroupMember", () => removeGroupMember(t.db, actor, { groupId: financeiro, userId: fabio!.id })],
    ["addChannel", () => addChannel(t.db, actor, { groupId: vendas, displayNumber: "+55 11 4000-0009", phoneNumberId: "100000000000009" })],
    ["setChannelToken", () => setChannelToken(t.db, actor, { channelId: vendasChannel, accessToken: "EAAG-secret-token" })],
    ["moveChannel", () => moveChannel(t.db, actor, { channelId: vendasChannel, groupId: financeiro })],
    ["setChannelActive", () => setChannelActive(t.db, actor, { channelId: vendasChannel, active: false })],
    ["createUser", () => createUser(t.db, actor, { name: "Intrusa", email: "intrusa@fila.test", role: "manager", password: "long-enough" })],
    ["resetPassword", () => resetPassword(t.db, actor, { userId: manager.id, password: "taken-over!" })],
    ["setUserActive", () => setUserActive(t.db, actor, { userId: fabio!.id, active: false })],
    ["listGroups", () => listGroups(t.db, actor)],
    ["readGroupDetails", () => readGroupDetails(t.db, actor, vendas)],
    ["readGroupHistory", () => readGroupHistory(t.db, actor, vendas)],
    ["readBoard", () => readBoard(t.db, actor)],
    ["listTeam", () => listTeam(t.db, actor)],
  ];

  it("is refused as forbidden by every function, and nothing changes", async () => {
    for (const [name, call] of calls(ana)) {
      const error = await expectRefusedUnchanged(t.db, "forbidden", call);
      expect(error.message, name).toBe("Only managers can do this.");
    }
  });

  it("is refused before the input is even looked at", async () => {
    await expectRefusedUnchanged(t.db, "forbidden", () => updateGroupSettings(t.db, ana, { groupId: financeiro, maxOpenPerAgent: 0 }));
  });

  it("without a session, every function asks to sign in", async () => {
    for (const [, call] of calls(null)) await expectRefusedUnchanged(t.db, "unauthenticated", call);
  });
});

describe("invalid input from a manager", () => {
  const expectField = async (call: () => Promise<unknown>, field: string, key: string, english: RegExp) => {
    const error = await expectRefusedUnchanged(t.db, "invalid_input", call);
    expect(error.fields?.[field], JSON.stringify(error.fields)).toBe(key);
    expect(error.message).toMatch(english);
  };

  it("an empty or blank name", async () => {
    await expectField(() => createGroup(t.db, manager, { name: "" }), "name", "groups.invalid.nameRequired", /name: Enter a name\./);
    await expectField(() => createGroup(t.db, manager, { name: "   " }), "name", "groups.invalid.nameRequired", /Enter a name/);
    await expectField(() => updateGroupSettings(t.db, manager, { groupId: vendas, name: " " }), "name", "groups.invalid.nameRequired", /Enter a name/);
    await expectField(() => createGroup(t.db, manager, { name: "x".repeat(81) }), "name", "groups.invalid.nameTooLong", /at most 80/);
  });

  it("a name another group has, in any case", async () => {
    await expectField(() => createGroup(t.db, manager, { name: "vendas" }), "name", "groups.invalid.nameTaken", /already has this name/);
    await expectField(() => updateGroupSettings(t.db, manager, { groupId: financeiro, name: "SUPORTE" }), "name", "groups.invalid.nameTaken", /already/);
  });

  it("a cap of 0, negative, fractional, absurd or not a number", async () => {
    for (const cap of [0, -1, -50, 2.5, 1001, 1e9, Number.NaN, "abc", "0", "12abc", true]) {
      await expectField(
        () => updateGroupSettings(t.db, manager, { groupId: financeiro, maxOpenPerAgent: cap as never }),
        "maxOpenPerAgent",
        "groups.invalid.cap",
        /whole number from 1 to 1000/,
      );
    }
  });

  it("an unknown strategy", async () => {
    for (const strategy of ["random", "", "Balanced", null, 3]) {
      await expectField(
        () => updateGroupSettings(t.db, manager, { groupId: financeiro, strategy: strategy as never }),
        "strategy",
        "groups.invalid.strategy",
        /Choose Manual, Balanced or Sequential/,
      );
    }
    await expectField(() => createGroup(t.db, manager, { name: "Cobrança", strategy: "round-robin" as never }), "strategy", "groups.invalid.strategy", /Manual/);
  });

  it("a welcome message over 1000 characters", async () => {
    await expectField(
      () => updateGroupSettings(t.db, manager, { groupId: financeiro, welcomeMessage: "a".repeat(1001) }),
      "welcomeMessage",
      "groups.invalid.welcomeTooLong",
      /at most 1000/,
    );
  });

  it("an unknown agent: no such user, a manager, an inactive agent", async () => {
    const [inactive] = await t.sql`INSERT INTO users (name, email, password_hash, role, active) VALUES ('Ex', 'ex@fila.test', 'x', 'agent', false) RETURNING id`;
    for (const userId of [999_999, manager.id, inactive!.id, 0, -3]) {
      await expectField(() => addGroupMember(t.db, manager, { groupId: financeiro, userId }), "userId", "groups.invalid.unknownAgent", /Choose an active agent/);
    }
  });

  it("a phone-number ID another channel has, or malformed numbers", async () => {
    await expectField(
      () => addChannel(t.db, manager, { groupId: financeiro, displayNumber: "+55 11 4000-0099", phoneNumberId: "100000000000001" }),
      "phoneNumberId",
      "groups.invalid.phoneNumberIdTaken",
      /already uses this phone-number ID/,
    );
    await expectField(
      () => addChannel(t.db, manager, { groupId: financeiro, displayNumber: "call us", phoneNumberId: "100000000000099" }),
      "displayNumber",
      "groups.invalid.displayNumber",
      /as customers see it/,
    );
    await expectField(
      () => addChannel(t.db, manager, { groupId: financeiro, displayNumber: "+55 11 4000-0099", phoneNumberId: "abc-123" }),
      "phoneNumberId",
      "groups.invalid.phoneNumberId",
      /digits only/,
    );
    await expectField(
      () => addChannel(t.db, manager, { groupId: financeiro, displayNumber: "+55 11 4000-0099", phoneNumberId: "100000000000099", accessToken: "has spaces in it" }),
      "accessToken",
      "groups.invalid.accessToken",
      /access token/,
    );
  });

  it("an unknown group or channel", async () => {
    await expectRefusedUnchanged(t.db, "not_found", () => updateGroupSettings(t.db, manager, { groupId: 999_999, strategy: "balanced" }));
    await expectRefusedUnchanged(t.db, "not_found", () => setChannelActive(t.db, manager, { channelId: 999_999, active: false }));
    await expectField(() => moveChannel(t.db, manager, { channelId: vendasChannel, groupId: 999_999 }), "groupId", "groups.invalid.unknownGroup", /existing group/);
    await expectRefusedUnchanged(t.db, "not_found", () => readGroupDetails(t.db, manager, 999_999));
  });

  it("team: empty name, bad email, taken email, short password, unknown role, unknown user, deactivating oneself", async () => {
    const base = { name: "Nova Agente", email: "nova@fila.test", role: "agent" as const, password: "long-enough" };
    await expectField(() => createUser(t.db, manager, { ...base, name: "" }), "name", "team.invalid.nameRequired", /Enter a name/);
    await expectField(() => createUser(t.db, manager, { ...base, email: "not-an-email" }), "email", "team.invalid.email", /valid email/);
    await expectField(() => createUser(t.db, manager, { ...base, email: "ANA@fila.test" }), "email", "team.invalid.emailTaken", /already uses this email/);
    await expectField(() => createUser(t.db, manager, { ...base, password: "short" }), "password", "team.invalid.password", /at least 8/);
    await expectField(() => createUser(t.db, manager, { ...base, role: "admin" as never }), "role", "team.invalid.role", /Agent or Manager/);
    await expectField(() => resetPassword(t.db, manager, { userId: ana.id, password: "1234567" }), "password", "team.invalid.password", /at least 8/);
    // A well-formed id that is no one's is not found (404 through the API), the field still named for the form.
    for (const call of [() => resetPassword(t.db, manager, { userId: 999_999, password: "long-enough" }), () => setUserActive(t.db, manager, { userId: 999_999, active: false })]) {
      const error = await expectRefusedUnchanged(t.db, "not_found", call);
      expect(error.fields).toEqual({ userId: "team.invalid.unknownUser" });
      expect(error.message).toMatch(/does not exist/);
    }
    await expectField(() => setUserActive(t.db, manager, { userId: manager.id, active: false }), "userId", "team.invalid.deactivateSelf", /yourself/);
  });
});
